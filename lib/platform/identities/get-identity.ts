import "server-only";
import type { ProductType } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { principalAbilities } from "../authz/project-access.ts";
import { projectRoleLabel } from "../authz/role-labels.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { z } from "zod";
import { settingsColumns } from "./queries.ts";
import { identityRefSchema, universalAuthSettingsSchema, type IdentityRefInput } from "./schemas.ts";

/** Live tokens listed on the identity page, newest first. */
export const LIVE_TOKENS_SHOWN = 50;

export type IdentityDetail = {
  identityId: string;
  name: string;
  role: string;
  clientId: string;
  deleteProtection: boolean;
  settings: Omit<UniversalAuthSettings, "identityId" | "orgSlug">;
  projects: IdentityProject[];
  clientSecrets: Array<{
    id: string;
    description: string;
    hint: string;
    createdAt: Date;
    expiresAt: Date | null;
    maxUses: number;
    useCount: number;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    revokedReason: string | null;
  }>;
  liveTokens: Array<{ id: string; createdAt: Date; expiresAt: Date; maxExpiresAt: Date; maxUses: number; useCount: number; lastUsedAt: Date | null }>;
};

type UniversalAuthSettings = z.output<typeof universalAuthSettingsSchema>;

export type IdentityProject = {
  id: string;
  name: string;
  slug: string;
  type: ProductType;
  /** Its roles there, by name. */
  roles: string[];
  /** Secrets projects: the first environment (in display order) where it may read values at `/`, else where it may list keys. */
  environment: string | null;
  readsValues: boolean;
};

/** One identity of the actor's org with its projects, client secrets (never their values) and live tokens. */
export async function getIdentity(access: OrgAccess, input: IdentityRefInput): Promise<IdentityDetail> {
  if (!access.can("identity:read")) throw new ForbiddenError("identity:read");
  const { identityId } = identityRefSchema.parse(input);
  const identity = await db().machineIdentity.findFirst({
    where: { userId: identityId, orgId: access.org.id },
    select: {
      userId: true,
      clientId: true,
      deleteProtection: true,
      ...settingsColumns,
      principal: {
        select: {
          name: true,
          orgMemberships: { where: { orgId: access.org.id }, select: { role: true } },
          projectMemberships: {
            select: { project: { select: { id: true, name: true, slug: true, type: true } }, grants: { select: { role: true } } },
            orderBy: { project: { name: "asc" } },
          },
        },
      },
      clientSecrets: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          description: true,
          hint: true,
          createdAt: true,
          expiresAt: true,
          maxUses: true,
          useCount: true,
          lastUsedAt: true,
          revokedAt: true,
          revokedReason: true,
        },
      },
      accessTokens: {
        where: { revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        take: LIVE_TOKENS_SHOWN,
        select: { id: true, createdAt: true, expiresAt: true, maxExpiresAt: true, maxUses: true, useCount: true, lastUsedAt: true },
      },
    },
  });
  if (!identity) throw new NotFoundError();
  return {
    identityId: identity.userId,
    name: identity.principal.name,
    role: identity.principal.orgMemberships[0]?.role ?? "no-access",
    clientId: identity.clientId,
    deleteProtection: identity.deleteProtection,
    settings: {
      accessTokenTtlSeconds: identity.accessTokenTtlSeconds,
      accessTokenMaxTtlSeconds: identity.accessTokenMaxTtlSeconds,
      accessTokenMaxUses: identity.accessTokenMaxUses,
      loginTrustedIps: identity.loginTrustedIps,
      tokenTrustedIps: identity.tokenTrustedIps,
      lockoutThreshold: identity.lockoutThreshold,
      lockoutSeconds: identity.lockoutSeconds,
    },
    projects: await describeProjects(
      identity.userId,
      identity.principal.projectMemberships.map((membership) => ({ ...membership.project, roles: membership.grants.map((grant) => grant.role) })),
    ),
    clientSecrets: identity.clientSecrets,
    liveTokens: identity.accessTokens.filter((token) => token.maxUses === 0 || token.useCount < token.maxUses),
  };
}

/**
 * Names the identity's roles in each project (custom roles by their names) and, in Secrets
 * projects, finds an environment its "Use it" examples can read: real values to copy.
 */
async function describeProjects(
  identityId: string,
  projects: Array<{ id: string; name: string; slug: string; type: ProductType; roles: string[] }>,
): Promise<IdentityProject[]> {
  const secretsProjects = projects.filter((project) => project.type === "SECRET_MANAGER");
  const [customRoles, environments, abilities] = await Promise.all([
    db().customRole.findMany({
      where: { scopeKey: { in: projects.map((project) => `project:${project.id}`) }, slug: { in: [...new Set(projects.flatMap((project) => project.roles))] } },
      select: { scopeKey: true, slug: true, name: true },
    }),
    db().environment.findMany({
      where: { projectId: { in: secretsProjects.map((project) => project.id) } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { projectId: true, slug: true },
    }),
    principalAbilities(db(), identityId, secretsProjects),
  ]);
  const customName = new Map(customRoles.map((role) => [`${role.scopeKey}/${role.slug}`, role.name]));
  return projects.map((project) => {
    const ability = abilities.get(project.id);
    const slugs = environments.filter((environment) => environment.projectId === project.id).map((environment) => environment.slug);
    const readable = slugs.find((environment) => ability?.can("secret:read-value", { environment, secretPath: "/" }));
    const listable = slugs.find((environment) => ability?.can("secret:describe", { environment, secretPath: "/" }));
    return {
      ...project,
      roles: project.roles.map((role) => customName.get(`project:${project.id}/${role}`) ?? projectRoleLabel(role)),
      environment: readable ?? listable ?? null,
      readsValues: readable !== undefined,
    };
  });
}
