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

export type SeatReportRow = {
  plan: PlanId;
  seat_limit: number | null;
  used: number;
  admins: number;
  refused: number;
  latest: Array<{ email: string | null; at: string }>;
};

/**
 * Seats used and, for the admins who bring people in, who was turned away in the last week
 * because every seat was taken (from the audit events written when a join is refused).
 * One statement, which also says whether the viewer is the only Admin (Leave then explains
 * why it cannot be done). Prepared: one plan serves every org (counters, and the audit index
 * by org), so it is not planned again on every view. The members page reads it in the same
 * statement as its list (membersPage).
 */
export async function seatReport(access: OrgAccess): Promise<SeatReport> {
  const [row] = await preparedQuery<SeatReportRow>(seatReportSql(access));
  return seatReportOf(access, row);
}

export type SeatReport = { seats: SeatUsage; refusals: SeatRefusals; soleAdmin: boolean };

/** The seat report's one row (columns of `SeatReportRow`), the org's, for seatReport and membersPage. */
export function seatReportSql(access: OrgAccess): Prisma.Sql {
  const showRefusals = access.can("member:invite") || access.can("invite-link:create");
  const since = new Date(Date.now() - WINDOW_DAYS * 24 * 60 * 60 * 1000);
  return Prisma.sql`
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
      FROM organizations o WHERE o.id = ${access.org.id}::uuid`;
}

export function seatReportOf(access: OrgAccess, row: SeatReportRow | undefined): SeatReport {
  if (!row) throw new Error(`organization ${access.org.id} vanished`);
  return {
    seats: seatUsageOf(orgPlanOf(row).limits.seats, row.used),
    refusals: { count: row.refused, latest: row.latest.map((one) => ({ email: one.email ?? "someone", at: new Date(one.at) })) },
    soleAdmin: access.role === "admin" && row.admins <= 1,
  };
}
