import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { ForbiddenError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { listQuery } from "../db.ts";
import { memberPageOf, memberPageSql, type MemberRow } from "./list-org-members.ts";
import { orgMemberListQuerySchema } from "./schemas.ts";
import { seatReportOf, seatReportSql, type SeatReportRow } from "./seat-report.ts";

/**
 * What the members page shows: a page of members (listOrgMembers) and the seat report, read
 * in one statement. Each statement a request sends costs this process a round trip on its one
 * thread (a socket write that wakes PostgreSQL, a read, promises): the page's most requested
 * view sends two where it sent three. Prepared as the list is (listQuery): the seat
 * report's plan does not depend on its values either.
 */
export async function membersPage(access: OrgAccess, rawQuery: unknown) {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const query = orgMemberListQuerySchema.parse(rawQuery ?? {});
  const [row] = await listQuery(query.q)<SeatReportRow & { members: MemberRow[] }>(Prisma.sql`
    SELECT s.*, (SELECT COALESCE(json_agg(l ORDER BY l.name, l.user_id), '[]') FROM (${memberPageSql(access, query)}) l) AS members
      FROM (${seatReportSql(access)}) s`);
  return { ...(await memberPageOf(access, query, row?.members ?? [])), ...seatReportOf(access, row) };
}
