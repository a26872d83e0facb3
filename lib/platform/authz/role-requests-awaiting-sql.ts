import "server-only";
import { awaitingDecisionSql } from "./awaiting-decision-sql.ts";
import { groupsOnSql, liveProjectGrantsSql } from "./grant-sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * Requests (as `r`) waiting for `userId`'s decision in any project of the org: named by id,
 * group, or a role they hold there now. `orgPlan` is SQL, so the org page's one statement can
 * count them for its badge from the org row it reads (which is why this sits in authz, below
 * role-requests, whose lists use it too).
 */
export function roleRequestsAwaitingSql(userId: string, orgPlan: Prisma.Sql): Prisma.Sql {
  const me = Prisma.sql`${userId}::uuid`;
  const grants = liveProjectGrantsSql(me, groupsOnSql(orgPlan));
  return awaitingDecisionSql({
    userId,
    liveRoles: Prisma.sql`ARRAY(SELECT x.role FROM projects p LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${me}
                                 CROSS JOIN LATERAL ${grants} x WHERE p.id = r.project_id)`,
    decisions: "role_request_decisions",
    groups: true,
  });
}

/** How many requests wait for `userId`'s decision across the org `o` (in scope): the navigation's badge. */
export function roleRequestsAwaitingCountSql(userId: string): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM role_requests r
                      WHERE r.project_id IN (SELECT id FROM projects WHERE org_id = o.id) AND ${roleRequestsAwaitingSql(userId, Prisma.sql`o.plan`)})`;
}
