import "server-only";
import { db } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { orgPlanOf, usageSql } from "./limits.ts";
import type { Meter, PlanId } from "./plans.ts";

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

type CountedMeter = Exclude<Meter, "auditRetentionDays">;

/**
 * For pages, before a form is filled: the same count the write's check makes (which still
 * decides, under the org row lock).
 */
export async function planRoom(orgId: string, meter: CountedMeter, projectId?: string): Promise<PlanRoom> {
  const [room] = await planRooms(orgId, [meter], projectId);
  return room!;
}

/** planRoom for several meters, in one statement: the plan and every count together. */
export async function planRooms(orgId: string, meters: readonly CountedMeter[], projectId?: string): Promise<PlanRoom[]> {
  const counts = Prisma.join(
    meters.map((meter, index) => Prisma.sql`(${usageSql(meter, orgId, projectId)}) AS ${Prisma.raw(`m${index}`)}`),
    ", ",
  );
  const [row] = await db().$queryRaw<Array<Record<string, number> & { plan: PlanId; seat_limit: number | null }>>`
    SELECT plan::text AS plan, seat_limit, ${counts} FROM organizations WHERE id = ${orgId}::uuid`;
  if (!row) throw new RefusedError("This organization no longer exists.");
  const { limits } = orgPlanOf(row);
  return meters.map((meter, index) => {
    const limit = limits[meter];
    const used = row[`m${index}`] ?? 0;
    return limit !== null && used >= limit ? { full: true, reason: `${used} / ${limit} ${SHORT[meter]} used` } : { full: false };
  });
}
