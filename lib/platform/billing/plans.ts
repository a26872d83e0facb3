import { readFileSync } from "node:fs";
import { z } from "zod";
import { env } from "../env.ts";

// Plans are data: Free, Pro and Enterprise with their limits and features, defaults here,
// overridable by the instance operator with a JSON file named in TESSERA_PLANS (Tessera is
// self-hosted and offline: whoever runs it provisions plans, as an offline licence would).

export const PLAN_IDS = ["FREE", "PRO", "ENTERPRISE"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

/** What a plan counts. Null is unlimited. */
export const METERS = {
  seats: "Seats (people and machine identities)",
  secretsProjects: "Secrets Management projects",
  pkiProjects: "PKI projects",
  pamProjects: "PAM projects",
  environmentsPerProject: "Environments per project",
  certificateAuthorities: "Internal certificate authorities",
  certificatesPerMonth: "Certificates issued this month",
  pamAccounts: "PAM accounts",
  customRoles: "Custom roles",
  groups: "Groups",
  auditRetentionDays: "Audit log kept (days)",
} as const;
export type Meter = keyof typeof METERS;

export const FEATURES = {
  customRoles: "Custom roles",
  conditionsAndDenies: "Conditions and deny rules in roles",
  inviteLinks: "Invite links",
  pki: "PKI projects",
  pam: "PAM projects",
  apiAccess: "Machine identities and the API",
  groups: "Groups",
  sso: "Single sign-on (OpenID Connect)",
} as const;
export type Feature = keyof typeof FEATURES;

export type PlanDefinition = { name: string; limits: Record<Meter, number | null>; features: Record<Feature, boolean> };

const ALL_FEATURES: Record<Feature, boolean> = {
  customRoles: true,
  conditionsAndDenies: true,
  inviteLinks: true,
  pki: true,
  pam: true,
  apiAccess: true,
  groups: true,
  sso: true,
};

export const DEFAULT_PLANS: Record<PlanId, PlanDefinition> = {
  FREE: {
    name: "Free",
    limits: {
      seats: 5,
      secretsProjects: 10,
      pkiProjects: 10,
      pamProjects: 10,
      environmentsPerProject: 10,
      certificateAuthorities: 10,
      certificatesPerMonth: 1_000,
      pamAccounts: 10,
      customRoles: 10,
      groups: 5,
      auditRetentionDays: 90,
    },
    features: ALL_FEATURES,
  },
  PRO: {
    name: "Pro",
    limits: {
      seats: 100,
      secretsProjects: 100,
      pkiProjects: 50,
      pamProjects: 50,
      environmentsPerProject: 25,
      certificateAuthorities: 50,
      certificatesPerMonth: 50_000,
      pamAccounts: 200,
      customRoles: 100,
      groups: 100,
      auditRetentionDays: 365,
    },
    features: ALL_FEATURES,
  },
  ENTERPRISE: {
    name: "Enterprise",
    limits: {
      seats: null,
      secretsProjects: null,
      pkiProjects: null,
      pamProjects: null,
      environmentsPerProject: null,
      certificateAuthorities: null,
      certificatesPerMonth: null,
      pamAccounts: null,
      customRoles: null,
      groups: null,
      auditRetentionDays: null,
    },
    features: ALL_FEATURES,
  },
};

const limit = z.number().int().min(0).nullable();
const overrideSchema = z.partialRecord(
  z.enum(PLAN_IDS),
  z
    .object({
      name: z.string().min(1).max(40).optional(),
      limits: z
        .object(Object.fromEntries(Object.keys(METERS).map((meter) => [meter, limit])) as Record<Meter, typeof limit>)
        .partial()
        .strict()
        .optional(),
      features: z
        .object(Object.fromEntries(Object.keys(FEATURES).map((feature) => [feature, z.boolean()])) as Record<Feature, z.ZodBoolean>)
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
);

/**
 * The defaults with the operator's overrides laid over them: a file like
 * `{"FREE": {"limits": {"seats": 10}, "features": {"pam": false}}}`. A file that does not
 * parse stops the server with the reason, rather than serve with limits nobody meant.
 */
export function plansFrom(json: string | undefined, source = "TESSERA_PLANS"): Record<PlanId, PlanDefinition> {
  if (!json) return DEFAULT_PLANS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  const result = overrideSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${source} is not a plan file: ${z.prettifyError(result.error)}`);
  return Object.fromEntries(
    PLAN_IDS.map((id) => {
      const base = DEFAULT_PLANS[id];
      const override = result.data[id];
      return [
        id,
        { name: override?.name ?? base.name, limits: { ...base.limits, ...override?.limits }, features: { ...base.features, ...override?.features } },
      ];
    }),
  ) as Record<PlanId, PlanDefinition>;
}

let loaded: Record<PlanId, PlanDefinition> | undefined;

/** The instance's plans, the TESSERA_PLANS file read once per process. */
export function plans(): Record<PlanId, PlanDefinition> {
  const path = env().TESSERA_PLANS;
  loaded ??= plansFrom(path ? readFileSync(path, "utf8") : undefined, path);
  return loaded;
}
