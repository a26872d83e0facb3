import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { orgPlanOf } from "../billing/limits.ts";
import type { PlanId } from "../billing/plans.ts";
import { directQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { orgMemberCountSql } from "../member-counts.ts";

/** Seats used and allowed; `limit` and `free` are null when the plan does not limit seats. */
export type SeatUsage = { used: number; limit: number | null; free: number | null };

export function seatUsageOf(limit: number | null, used: number): SeatUsage {
  return { used, limit, free: limit === null ? null : Math.max(0, limit - used) };
}

/** Seats are org memberships (people and machine identities); the plan's limit holds on every join. */
export async function getSeatUsage(access: OrgAccess): Promise<SeatUsage> {
  const [org] = await directQuery<{ plan: PlanId; seat_limit: number | null; used: number }>(Prisma.sql`
    SELECT o.plan::text AS plan, o.seat_limit, ${orgMemberCountSql(Prisma.sql`o.id`)} AS used FROM organizations o WHERE o.id = ${access.org.id}::uuid`);
  if (!org) throw new Error(`organization ${access.org.id} vanished`);
  return seatUsageOf(orgPlanOf(org).limits.seats, org.used);
}
