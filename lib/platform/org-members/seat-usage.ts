import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { orgPlanOf } from "../billing/limits.ts";
import { db } from "../db.ts";

/** Seats used and allowed; `limit` and `free` are null when the plan does not limit seats. */
export type SeatUsage = { used: number; limit: number | null; free: number | null };

export function seatUsageOf(limit: number | null, used: number): SeatUsage {
  return { used, limit, free: limit === null ? null : Math.max(0, limit - used) };
}

/** Seats are org memberships (people and machine identities); the plan's limit holds on every join. */
export async function getSeatUsage(access: OrgAccess): Promise<SeatUsage> {
  const org = await db().organization.findUniqueOrThrow({
    where: { id: access.org.id },
    select: { plan: true, seatLimit: true, _count: { select: { memberships: true } } },
  });
  return seatUsageOf(orgPlanOf({ plan: org.plan, seat_limit: org.seatLimit }).limits.seats, org._count.memberships);
}
