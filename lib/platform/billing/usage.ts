import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockOrgPlan, usageSql } from "./limits.ts";
import { FEATURES, METERS, plans, type Feature, type Meter, type PlanId } from "./plans.ts";

export type OrgUsage = Record<Exclude<Meter, "auditRetentionDays">, number> & {
  auditRetentionDays: number | null;
  /** Shown beside the PAM meters; no plan limits it. */
  pamActiveGrants: number;
  /** Of the seats, how many machine identities take. */
  identitySeats: number;
  /** The project with the most environments (the per-project meter's figure), if any. */
  fullestProject: string | null;
};

/**
 * The statement that counts everything the plan counts (the org as `o`), with `extras`: more
 * columns of `o` (", o.x AS y") for a reader that needs them in the same statement.
 */
export function orgUsageSql(orgId: string, extras: Prisma.Sql = Prisma.empty): Prisma.Sql {
  // Each count is the very statement the write-time check runs (usageSql), as a subquery.
  const count = (meter: Exclude<Meter, "auditRetentionDays" | "environmentsPerProject">) => Prisma.sql`(${usageSql(meter, orgId)})`;
  return Prisma.sql`
    SELECT ${count("seats")} AS "seats", ${count("secretsProjects")} AS "secretsProjects", ${count("pkiProjects")} AS "pkiProjects",
           ${count("pamProjects")} AS "pamProjects",
           COALESCE(fullest.environments, 0)::int AS "environmentsPerProject",
           ${count("certificateAuthorities")} AS "certificateAuthorities", ${count("certificatesPerMonth")} AS "certificatesPerMonth",
           ${count("pamAccounts")} AS "pamAccounts", ${count("customRoles")} AS "customRoles", ${count("groups")} AS "groups",
           o.audit_retention_days AS "auditRetentionDays",
           -- An identity is a member of its own org only: counted from its table, not by reading every member's user row.
           (SELECT count(*) FROM machine_identities i WHERE i.org_id = o.id)::int AS "identitySeats",
           fullest.name AS "fullestProject",
           (SELECT count(*) FROM pam_access_requests r JOIN projects p ON p.id = r.project_id WHERE p.org_id = o.id AND r.status = 'ACTIVE')::int AS "pamActiveGrants"
           ${extras}
      FROM organizations o
      LEFT JOIN LATERAL (SELECT p.name, count(*) AS environments FROM environments e JOIN projects p ON p.id = e.project_id WHERE p.org_id = o.id
                          GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name LIMIT 1) fullest ON TRUE
     WHERE o.id = ${orgId}::uuid`;
}

/**
 * Everything the plan counts, in one statement. Environments are per project: the figure is
 * the fullest project's. Audit retention is the org's setting (null: forever).
 */
export async function orgUsage(client: Pick<Tx, "$queryRaw">, orgId: string): Promise<OrgUsage> {
  const [row] = await client.$queryRaw<OrgUsage[]>(orgUsageSql(orgId));
  if (!row) throw new RefusedError("This organization no longer exists.");
  return row;
}

/** What the org uses beyond a plan's limits, in words ("Seats: 7 used, Pro allows 5"); empty when it fits. */
export function exceededOn(usage: OrgUsage, planId: PlanId, seatOverride: number | null = null): string[] {
  const plan = plans()[planId];
  const limits = { ...plan.limits, seats: seatOverride ?? plan.limits.seats };
  return (Object.keys(METERS) as Meter[]).flatMap((meter) => {
    const limit = limits[meter];
    if (limit === null) return [];
    if (meter === "auditRetentionDays") {
      // No setting means "as long as the plan allows": only a longer explicit setting exceeds.
      const days = usage.auditRetentionDays;
      return days !== null && days > limit ? [`${METERS[meter]}: ${days}, ${plan.name} allows ${limit}`] : [];
    }
    const used = usage[meter];
    return used > limit ? [`${METERS[meter]}: ${used} used, ${plan.name} allows ${limit}`] : [];
  });
}

/** What each feature's loss stops, as the operator is told before a plan change applies. */
const STOPS_WITHOUT: Record<Feature, string> = {
  customRoles: "no new custom roles (those that exist keep their holders' access)",
  conditionsAndDenies: "no new conditions or deny rules in roles (those saved keep working)",
  inviteLinks: "nobody joins through an invite link, old links included",
  pki: "no new certificate authorities, certificates or renewals (revocation and CRLs go on)",
  pam: "no new PAM access requests or approvals (revoking and ending grants go on)",
  apiAccess: "machine identities stop logging in; their tokens stop working on their next request",
  groups: "groups stop giving their members any role on their next request (the groups are kept)",
  sso: "nobody signs in through the org's identity provider any more (passwords go on working)",
};

/** The features a move from one plan to another switches off, each with what stops ("Invite links: nobody joins …"). */
export function featuresLost(from: PlanId, to: PlanId): string[] {
  const before = plans()[from].features;
  const after = plans()[to].features;
  return (Object.keys(FEATURES) as Feature[])
    .filter((feature) => before[feature] && !after[feature])
    .map((feature) => `${FEATURES[feature]}: ${STOPS_WITHOUT[feature]}`);
}

/** The org's plan now, for the operator's command to compare with before it changes anything. */
export async function currentPlanOf(orgSlug: string): Promise<PlanId> {
  const org = await db().organization.findUnique({ where: { slug: orgSlug }, select: { plan: true } });
  if (!org) throw new RefusedError(`No organization has the slug ${orgSlug}.`);
  return org.plan;
}

/**
 * The instance operator's plan change (npm run org -- plan): refused, with the list, when the
 * org uses more than the target plan allows; the operator's seat override is cleared; audited.
 */
export async function changeOrgPlan(orgSlug: string, planId: PlanId): Promise<{ before: PlanId; after: PlanId }> {
  return db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug: orgSlug }, select: { id: true, plan: true } });
    if (!org) throw new RefusedError(`No organization has the slug ${orgSlug}.`);
    await lockOrgPlan(tx, org.id);
    const exceeded = exceededOn(await orgUsage(tx, org.id), planId);
    if (exceeded.length) throw new RefusedError(`${orgSlug} uses more than the ${plans()[planId].name} plan allows:\n- ${exceeded.join("\n- ")}`);
    await tx.organization.update({ where: { id: org.id }, data: { plan: planId, seatLimit: null } });
    await recordAuditEvent(tx, {
      orgId: org.id,
      actorId: null,
      action: "billing.plan-changed",
      target: { type: "organization", id: org.id },
      metadata: { before: org.plan, after: planId, by: "instance operator" },
      summary: `${plans()[org.plan].name} → ${plans()[planId].name}`,
    });
    return { before: org.plan, after: planId };
  });
}
