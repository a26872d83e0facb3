import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { preparedQuery } from "../../../platform/db.ts";
import { ForbiddenError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { type RequestStatus } from "../vocabulary.ts";
import { awaitingDecisionSql } from "../../../platform/authz/awaiting-decision-sql.ts";

export const REQUESTS_PAGE_SIZE = 25;

/** Requests (as `r`) still pending that the actor is named for, by name or role, and has not decided. */
function awaitingDecision(access: ProjectAccess): Prisma.Sql {
  return awaitingDecisionSql({
    userId: access.orgAccess.actor.userId,
    liveRoles: access.membership?.liveRoles ?? [],
    decisions: "pam_approvals",
    groups: false,
  });
}

export type RequestListView = "to-approve" | "mine" | "all";

export type RequestListItem = {
  id: string;
  status: RequestStatus;
  accountName: string;
  resourceName: string;
  requesterName: string | null;
  durationMinutes: number;
  reason: string;
  breakGlass: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  approvals: number;
  requiredApprovals: number;
};

/**
 * Requests in one of three views: waiting for the actor's decision, the actor's own, or all of
 * the project's (those who read grants and sessions). Newest first, 25 a page.
 */
export async function listRequests(access: ProjectAccess, view: RequestListView, page = 1): Promise<{ items: RequestListItem[]; total: number }> {
  requireProjectType(access, "PAM");
  const userId = access.orgAccess.actor.userId;
  let filter: Prisma.Sql;
  if (view === "mine") filter = Prisma.sql`r.requester_id = ${userId}::uuid`;
  else if (view === "all") {
    if (!access.can("session:read")) throw new ForbiddenError("session:read");
    filter = Prisma.sql`TRUE`;
  } else {
    if (!access.can("access-request:approve")) return { items: [], total: 0 };
    filter = awaitingDecision(access);
  }
  // Prepared (each view's own statement): read along the (project, created_at) index whatever
  // the project's size, so one plan serves every project.
  const rows = await preparedQuery<{
    id: string;
    status: RequestStatus;
    account_name: string;
    resource_name: string;
    requester_name: string | null;
    duration_minutes: number;
    reason: string;
    break_glass: boolean;
    created_at: Date;
    expires_at: Date | null;
    approvals: number;
    required_approvals: number;
    total: number;
  }>(Prisma.sql`
    WITH page AS (
      SELECT r.* FROM pam_access_requests r
       WHERE r.project_id = ${access.project.id}::uuid AND ${filter}
       ORDER BY r.created_at DESC, r.id DESC
       LIMIT ${REQUESTS_PAGE_SIZE} OFFSET ${(page - 1) * REQUESTS_PAGE_SIZE})
    SELECT r.id, r.status::text AS status, a.name AS account_name, res.name AS resource_name, u.name AS requester_name, r.duration_minutes, r.reason,
           r.break_glass, r.created_at, r.expires_at, r.required_approvals,
           (SELECT count(*)::int FROM pam_approvals ap WHERE ap.request_id = r.id AND ap.decision = 'APPROVE') AS approvals,
           (SELECT count(*)::int FROM pam_access_requests r WHERE r.project_id = ${access.project.id}::uuid AND ${filter}) AS total
      FROM page r
      JOIN pam_accounts a ON a.id = r.account_id
      JOIN pam_resources res ON res.id = a.resource_id
      LEFT JOIN users u ON u.id = r.requester_id
     ORDER BY r.created_at DESC, r.id DESC`);
  const items = rows
    .filter((row) => view !== "to-approve" || access.can("access-request:approve", { resourceName: row.resource_name, accountName: row.account_name }))
    .map((row) => ({
      id: row.id,
      status: row.status,
      accountName: row.account_name,
      resourceName: row.resource_name,
      requesterName: row.requester_name,
      durationMinutes: row.duration_minutes,
      reason: row.reason,
      breakGlass: row.break_glass,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      approvals: row.approvals,
      requiredApprovals: row.required_approvals,
    }));
  return { items, total: rows[0]?.total ?? 0 };
}

/** How many requests wait for the actor's decision: the badge on the navigation. */
export async function countAwaitingMyDecision(access: ProjectAccess): Promise<number> {
  if (access.project.type !== "PAM" || !access.can("access-request:approve")) return 0;
  const [row] = await preparedQuery<{ waiting: number }>(Prisma.sql`
    SELECT count(*)::int AS waiting FROM pam_access_requests r WHERE r.project_id = ${access.project.id}::uuid AND ${awaitingDecision(access)}`);
  return row?.waiting ?? 0;
}
