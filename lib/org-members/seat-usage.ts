import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";

export type SeatUsage = { used: number; limit: number; free: number };

/** Seats are org memberships; the plan's limit is checked again when an invitation is accepted. */
export async function getSeatUsage(access: OrgAccess): Promise<SeatUsage> {
  const org = await db().organization.findUniqueOrThrow({
    where: { id: access.org.id },
    select: { seatLimit: true, _count: { select: { memberships: true } } },
  });
  const used = org._count.memberships;
  return { used, limit: org.seatLimit, free: Math.max(0, org.seatLimit - used) };
}
