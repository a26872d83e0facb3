import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { orgPlanOf } from "../billing/limits.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { preparedQuery } from "../db.ts";
import type { PlanId } from "../billing/plans.ts";
import { orgMemberCountSql } from "../member-counts.ts";
import { seatUsageOf, type SeatUsage } from "./seat-usage.ts";

export type SeatRefusals = { count: number; latest: Array<{ email: string; at: Date }> };

const WINDOW_DAYS = 7;

type Row = { plan: PlanId; seat_limit: number | null; used: number; admins: number; refused: number; latest: Array<{ email: string | null; at: string }> };

/**
 * Seats used and, for the admins who bring people in, who was turned away in the last week
 * because every seat was taken (from the audit events written when a join is refused).
 * One statement for the members page, which also says whether the viewer is the only Admin
 * (Leave then explains why it cannot be done). Prepared: one plan serves every org (counters,
 * and the audit index by org), so it is not planned again on every page view.
 */
export async function seatReport(access: OrgAccess): Promise<{ seats: SeatUsage; refusals: SeatRefusals; soleAdmin: boolean }> {
  const showRefusals = access.can("member:invite") || access.can("invite-link:create");
  const since = new Date(Date.now() - WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [row] = await preparedQuery<Row>(Prisma.sql`
    SELECT o.plan::text AS plan, o.seat_limit,
           ${orgMemberCountSql(Prisma.sql`o.id`)} AS used, ${orgMemberCountSql(Prisma.sql`o.id`, "admin")} AS admins,
           CASE WHEN ${showRefusals} THEN
             (SELECT count(*) FROM audit_events e WHERE e.org_id = o.id AND e.action = 'member.join-refused-no-seat' AND e.created_at >= ${since})::int
           ELSE 0 END AS refused,
           CASE WHEN ${showRefusals} THEN
             (SELECT COALESCE(json_agg(json_build_object('email', r.metadata->>'email', 'at', r.created_at) ORDER BY r.created_at DESC, r.id DESC), '[]')
                FROM (SELECT e.id, e.metadata, e.created_at FROM audit_events e
                       WHERE e.org_id = o.id AND e.action = 'member.join-refused-no-seat' AND e.created_at >= ${since}
                       ORDER BY e.created_at DESC, e.id DESC LIMIT 3) r)
           ELSE '[]' END AS latest
      FROM organizations o WHERE o.id = ${access.org.id}::uuid`);
  if (!row) throw new Error(`organization ${access.org.id} vanished`);
  return {
    seats: seatUsageOf(orgPlanOf(row).limits.seats, row.used),
    refusals: { count: row.refused, latest: row.latest.map((one) => ({ email: one.email ?? "someone", at: new Date(one.at) })) },
    soleAdmin: access.role === "admin" && row.admins <= 1,
  };
}
