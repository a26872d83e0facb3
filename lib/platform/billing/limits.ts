import "server-only";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { orgMemberCountSql } from "../member-counts.ts";
import { FEATURES, METERS, plans, type Feature, type Meter, type PlanDefinition, type PlanId } from "./plans.ts";

// The one place plan limits are enforced. Every guarded write calls `assertWithinPlan`
// inside its own transaction: the org row is locked first, so parallel requests count one
// at a time and cannot both take the last unit.

/** A write the org's plan does not allow: which limit, how much is used, what the plan allows. */
export class PlanLimitError extends RefusedError {
  readonly code = "PLAN_LIMIT";
  constructor(
    readonly meter: Meter,
    readonly limit: number,
    readonly used: number,
    planName: string,
  ) {
    super(`${METERS[meter]}: ${used} of ${limit} used on the ${planName} plan. Free some up, or ask whoever runs Tessera for a bigger plan.`);
    this.name = "PlanLimitError";
  }
}

/** What an action's result says of a refusal by a plan limit (lib/platform/actions/action-result.ts PlanLimit). */
export type PlanLimitFields = { code: "PLAN_LIMIT"; meter: Meter; limit: number; used: number };

/**
 * The limit behind a refusal, whichever refusal carries it: PlanLimitError, or a refusal
 * that is also recorded for the admins (a join with no free seat).
 */
export function planLimitOf(error: unknown): PlanLimitFields | null {
  if (!(error instanceof RefusedError)) return null;
  const fields = error as RefusedError & Partial<PlanLimitFields>;
  if (fields.code !== "PLAN_LIMIT" || fields.meter === undefined || fields.limit === undefined || fields.used === undefined) return null;
  return { code: "PLAN_LIMIT", meter: fields.meter, limit: fields.limit, used: fields.used };
}

/** A feature the org's plan does not include. */
export class PlanFeatureError extends RefusedError {
  readonly code = "PLAN_FEATURE";
  constructor(
    readonly feature: Feature,
    planName: string,
  ) {
    super(`${FEATURES[feature]} are not part of the ${planName} plan. Ask whoever runs Tessera for a plan that includes them.`);
    this.name = "PlanFeatureError";
  }
}

export type OrgPlan = { id: PlanId; definition: PlanDefinition; limits: Record<Meter, number | null> };

/** The org's plan, with an operator's seat override (organizations.seat_limit) applied. */
export function orgPlanOf(row: { plan: PlanId; seat_limit: number | null }): OrgPlan {
  const definition = plans()[row.plan];
  return { id: row.plan, definition, limits: { ...definition.limits, seats: row.seat_limit ?? definition.limits.seats } };
}

/** The org's plan; with `lock`, the org row stays locked for the rest of the transaction. */
export async function readOrgPlan(client: Pick<Tx, "$queryRaw">, orgId: string, lock = false): Promise<OrgPlan> {
  const [row] = await client.$queryRaw<Array<{ plan: PlanId; seat_limit: number | null }>>`
    SELECT plan::text AS plan, seat_limit FROM organizations WHERE id = ${orgId}::uuid ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  if (!row) throw new RefusedError("This organization no longer exists.");
  return orgPlanOf(row);
}

/** Locks the org row for the rest of the transaction and returns its plan. */
export function lockOrgPlan(tx: Pick<Tx, "$queryRaw">, orgId: string): Promise<OrgPlan> {
  return readOrgPlan(tx, orgId, true);
}

/** How much of a counted limit the org uses now (environments: in `projectId`). */
export function usageSql(meter: Exclude<Meter, "auditRetentionDays">, orgId: string, projectId?: string): Prisma.Sql {
  switch (meter) {
    case "seats":
      return Prisma.sql`SELECT ${orgMemberCountSql(Prisma.sql`${orgId}::uuid`)} AS used`;
    case "secretsProjects":
    case "pkiProjects":
    case "pamProjects": {
      const type = { secretsProjects: "SECRET_MANAGER", pkiProjects: "PKI", pamProjects: "PAM" }[meter];
      // Compared as the enum, so the (org_id, type, name) index answers it; as text, every project was read.
      return Prisma.sql`SELECT count(*)::int AS used FROM projects WHERE org_id = ${orgId}::uuid AND type = ${type}::"ProductType"`;
    }
    case "environmentsPerProject":
      return Prisma.sql`SELECT count(*)::int AS used FROM environments WHERE project_id = ${projectId ?? null}::uuid`;
    case "certificateAuthorities":
      return Prisma.sql`SELECT count(*)::int AS used FROM certificate_authorities ca JOIN projects p ON p.id = ca.project_id WHERE p.org_id = ${orgId}::uuid`;
    case "certificatesPerMonth":
      // By the org's PKI projects' ids, so the (project, created) index answers it: joined to all
      // of an org's projects, a table bloated by deletions was read whole (13 ms at 10,000 rows).
      return Prisma.sql`SELECT count(*)::int AS used FROM certificates c
                         WHERE c.project_id = ANY(ARRAY(SELECT id FROM projects WHERE org_id = ${orgId}::uuid AND type = 'PKI'))
                           AND c.created_at >= date_trunc('month', now())`;
    case "pamAccounts":
      return Prisma.sql`SELECT count(*)::int AS used FROM pam_accounts a JOIN projects p ON p.id = a.project_id WHERE p.org_id = ${orgId}::uuid`;
    case "customRoles":
      return Prisma.sql`SELECT count(*)::int AS used FROM custom_roles WHERE org_id = ${orgId}::uuid`;
    case "groups":
      return Prisma.sql`SELECT count(*)::int AS used FROM groups WHERE org_id = ${orgId}::uuid`;
  }
}

/**
 * Refuses the write unless the org's plan has room for `adding` more of `meter`. Locks the
 * org row first (held until the caller's transaction ends).
 */
export async function assertWithinPlan(
  tx: Pick<Tx, "$queryRaw">,
  orgId: string,
  meter: Exclude<Meter, "auditRetentionDays">,
  options: { projectId?: string; adding?: number } = {},
): Promise<void> {
  const plan = await lockOrgPlan(tx, orgId);
  const limit = plan.limits[meter];
  if (limit === null) return;
  const [row] = await tx.$queryRaw<Array<{ used: number }>>(usageSql(meter, orgId, options.projectId));
  const used = row?.used ?? 0;
  if (used + (options.adding ?? 1) > limit) throw new PlanLimitError(meter, limit, used, plan.definition.name);
}

/**
 * Refuses what the org's plan does not include, by the plan the actor's access was loaded
 * with on this request (the same statement as the permissions): a switched-off feature stops
 * being used at once, not only being created.
 */
export function assertPlanIncludes(org: { plan: PlanId }, feature: Feature): void {
  const definition = plans()[org.plan];
  if (!definition.features[feature]) throw new PlanFeatureError(feature, definition.name);
}

/**
 * Whether the org's plan, as the actor's access loaded it on this request, counts `meter`: a
 * write it does not count need not lock the org row (nor run in a transaction for it).
 */
export function planCounts(org: { plan: PlanId }, meter: Exclude<Meter, "seats" | "auditRetentionDays">): boolean {
  return plans()[org.plan].limits[meter] !== null;
}

/** Refuses what the org's plan does not include. */
export async function assertPlanFeature(tx: Pick<Tx, "$queryRaw">, orgId: string, feature: Feature): Promise<void> {
  const plan = await readOrgPlan(tx, orgId);
  if (!plan.definition.features[feature]) throw new PlanFeatureError(feature, plan.definition.name);
}
