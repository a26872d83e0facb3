import "server-only";
import { db } from "../db.ts";
import { readOrgPlan, usageSql } from "./limits.ts";
import type { Meter } from "./plans.ts";

/** Whether the plan leaves room for one more, and if not, why in a few words ("3 / 3 seats used"). */
export type PlanRoom = { full: false } | { full: true; reason: string };

const SHORT: Record<Exclude<Meter, "auditRetentionDays">, string> = {
  seats: "seats",
  secretsProjects: "Secrets Management projects",
  pkiProjects: "PKI projects",
  pamProjects: "PAM projects",
  environmentsPerProject: "environments",
  certificateAuthorities: "CAs",
  certificatesPerMonth: "certificates this month",
  pamAccounts: "PAM accounts",
  customRoles: "custom roles",
};

/**
 * For pages, before a form is filled: the same count the write's check makes (which still
 * decides, under the org row lock).
 */
export async function planRoom(orgId: string, meter: Exclude<Meter, "auditRetentionDays">, projectId?: string): Promise<PlanRoom> {
  const limit = (await readOrgPlan(db(), orgId)).limits[meter];
  if (limit === null) return { full: false };
  const [row] = await db().$queryRaw<Array<{ used: number }>>(usageSql(meter, orgId, projectId));
  const used = row?.used ?? 0;
  return used >= limit ? { full: true, reason: `${used} / ${limit} ${SHORT[meter]} used` } : { full: false };
}
