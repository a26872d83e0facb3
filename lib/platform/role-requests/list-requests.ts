import "server-only";
import { roleRequestsAwaitingSql } from "../authz/role-requests-awaiting-sql.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses, principalAbilities } from "../authz/project-access.ts";
import type { ProductType } from "../authz/catalogue.ts";
import { projectRoleLabel } from "../authz/role-labels.ts";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { statusNow, type RoleRequestStatus } from "./vocabulary.ts";

export const ROLE_REQUESTS_PAGE_SIZE = 25;

/** Requests (as `r`) waiting for the actor's decision in any project of the org. */
function awaitingMe(access: OrgAccess): Prisma.Sql {
  return roleRequestsAwaitingSql(access.actor.userId, Prisma.sql`${access.org.plan}`);
}

export type RoleRequestListItem = {
  id: string;
  project: { name: string; slug: string; type: ProductType };
  role: string;
  roleName: string;
  requesterName: string | null;
  durationMinutes: number;
  reason: string;
  status: RoleRequestStatus;
  breakGlass: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  approvals: number;
  requiredApprovals: number;
};

export type RoleRequestView = "to-decide" | "mine" | "approvable";

/** The request filter of a view (as `r`). */
async function viewFilter(access: OrgAccess, view: RoleRequestView): Promise<Prisma.Sql> {
  if (view === "mine") return Prisma.sql`r.requester_id = ${access.actor.userId}::uuid`;
  if (view === "to-decide") return awaitingMe(access);
  // Every request, decided or not, of the projects where the actor approves role requests now.
  const approving = (await loadMemberProjectAccesses(access)).filter((project) => project.can("role-request:approve"));
  return Prisma.sql`r.project_id = ANY(${approving.map((project) => project.project.id)}::uuid[])`;
}

/**
 * One page of the org's role requests, newest first: those waiting for the actor's decision
 * (where they may approve now), the actor's own, or all of the projects where they approve.
 */
export async function listRoleRequests(access: OrgAccess, view: RoleRequestView, page = 1): Promise<{ items: RoleRequestListItem[]; total: number }> {
  const filter = await viewFilter(access, view);
  const inOrg = Prisma.sql`r.project_id IN (SELECT id FROM projects WHERE org_id = ${access.org.id}::uuid) AND ${filter}`;
  const [rows, [count]] = await Promise.all([
    db().$queryRaw<
      Array<{
        id: string;
        project_name: string;
        project_slug: string;
        project_type: ProductType;
        project_id: string;
        role: string;
        custom_role_name: string | null;
        requester_name: string | null;
        duration_minutes: number;
        reason: string;
        status: RoleRequestStatus;
        break_glass: boolean;
        created_at: Date;
        expires_at: Date | null;
        approvals: number;
        required_approvals: number;
      }>
    >`
      WITH page AS (
        SELECT r.* FROM role_requests r WHERE ${inOrg}
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT ${ROLE_REQUESTS_PAGE_SIZE} OFFSET ${(Math.max(1, page) - 1) * ROLE_REQUESTS_PAGE_SIZE})
      SELECT r.id, p.id AS project_id, p.name AS project_name, p.slug AS project_slug, p.type::text AS project_type, r.role,
             cr.name AS custom_role_name, u.name AS requester_name, r.duration_minutes, r.reason, r.status::text AS status,
             r.break_glass, r.created_at, r.expires_at, r.required_approvals,
             (SELECT count(*)::int FROM role_request_decisions d WHERE d.request_id = r.id AND d.decision = 'APPROVE') AS approvals
        FROM page r
        JOIN projects p ON p.id = r.project_id
        LEFT JOIN custom_roles cr ON cr.scope_key = 'project:' || p.id::text AND cr.slug = r.role
        LEFT JOIN users u ON u.id = r.requester_id
       ORDER BY r.created_at DESC, r.id DESC`,
    db().$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM role_requests r WHERE ${inOrg}`,
  ]);
  // Waiting for a decision the actor may no longer make (their role there changed): not theirs to see.
  const approvable =
    view === "to-decide"
      ? await principalAbilities(
          db(),
          access.actor.userId,
          rows.map((row) => ({ id: row.project_id, type: row.project_type })),
        )
      : null;
  const now = new Date();
  return {
    items: rows
      .filter((row) => !approvable || approvable.get(row.project_id)?.can("role-request:approve"))
      .map((row) => ({
        id: row.id,
        project: { name: row.project_name, slug: row.project_slug, type: row.project_type },
        role: row.role,
        roleName: row.custom_role_name ?? projectRoleLabel(row.role),
        requesterName: row.requester_name,
        durationMinutes: row.duration_minutes,
        reason: row.reason,
        status: statusNow(row.status, row.expires_at, now),
        breakGlass: row.break_glass,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        approvals: row.approvals,
        requiredApprovals: row.required_approvals,
      })),
    total: count?.total ?? 0,
  };
}
