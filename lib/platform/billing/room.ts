import "server-only";
import { preparedQuery } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { orgPlanOf, usageSql } from "./limits.ts";
import { plans, type Meter, type PlanId } from "./plans.ts";

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
  groups: "groups",
};

type CountedMeter = Exclude<Meter, "auditRetentionDays">;

/** The org as the request's access loaded it: its id and plan. */
type PlannedOrg = { id: string; plan: PlanId };

/**
 * For pages, before a form is filled: the same count the write's check makes (which still
 * decides, under the org row lock).
 */
export async function planRoom(org: PlannedOrg, meter: CountedMeter, projectId?: string): Promise<PlanRoom> {
  const [room] = await planRooms(org, [meter], projectId);
  return room!;
}

/**
 * planRoom for several meters, in one prepared statement (each count reads an index whatever
 * the org): the plan and every count together. Nothing is counted when the plan the access
 * was loaded with limits none of them (seats excepted: an org may have its own seat limit),
 * so unlimited plans pay no statement for a hint.
 */
export async function planRooms(org: PlannedOrg, meters: readonly CountedMeter[], projectId?: string): Promise<PlanRoom[]> {
  const { limits: planLimits } = plans()[org.plan];
  if (meters.every((meter) => meter !== "seats" && planLimits[meter] === null)) return meters.map(() => ({ full: false }));
  const orgId = org.id;
  const counts = Prisma.join(
    meters.map((meter, index) => Prisma.sql`(${usageSql(meter, orgId, projectId)}) AS ${Prisma.raw(`m${index}`)}`),
    ", ",
  );
  const [row] = await preparedQuery<Record<string, number> & { plan: PlanId; seat_limit: number | null }>(Prisma.sql`
    SELECT plan::text AS plan, seat_limit, ${counts} FROM organizations WHERE id = ${orgId}::uuid`);
  if (!row) throw new RefusedError("This organization no longer exists.");
  const { limits } = orgPlanOf(row);
  return meters.map((meter, index) => {
    const limit = limits[meter];
    const used = row[`m${index}`] ?? 0;
    return limit !== null && used >= limit ? { full: true, reason: `${used} / ${limit} ${SHORT[meter]} used` } : { full: false };
  });
}
