import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";

export type SeatUsage = { used: number; limit: number; free: number };

export function seatUsageOf(limit: number, used: number): SeatUsage {
  return { used, limit, free: Math.max(0, limit - used) };
}

/** Seats are org memberships; the plan's limit is checked again when an invitation is accepted. */
export async function getSeatUsage(access: OrgAccess): Promise<SeatUsage> {
  const org = await db().organization.findUniqueOrThrow({
    where: { id: access.org.id },
    select: { seatLimit: true, _count: { select: { memberships: true } } },
  });
  return seatUsageOf(org.seatLimit, org._count.memberships);
}
