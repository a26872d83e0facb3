import "server-only";
import type { ApproverList, MayApprove } from "../approvals/approvers.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import type { ProductType } from "../authz/catalogue.ts";
import type { PermissionRule } from "../authz/rules.ts";
import type { Tx } from "../db.ts";
import { NotFoundError } from "../errors.ts";
import { projectRoleCatalogue, resolveRole } from "../roles/scope.ts";

export type RequestedRole = { slug: string; name: string; rules: PermissionRule[] };

/** A role of the project by slug, built-in or custom; null when it has none by that slug. */
export async function roleOfProject(client: Pick<Tx, "customRole">, project: { id: string; type: ProductType }, slug: string): Promise<RequestedRole | null> {
  const role = await resolveRole(client, projectRoleCatalogue(project), slug);
  return role ? { slug: role.slug, name: role.name, rules: role.rules } : null;
}

/**
 * Approving a request for a role: role-request:approve, and (the boundary rule) every
 * permission the role allows, held outright. Asked of each approver's own live roles.
 */
export const mayApproveRole =
  (role: RequestedRole): MayApprove =>
  (ability) =>
    ability.can("role-request:approve") && holdsEveryPermission(ability, role.rules);

const REQUEST_COLUMNS = {
  id: true,
  projectId: true,
  requesterId: true,
  role: true,
  durationMinutes: true,
  reason: true,
  status: true,
  policyName: true,
  requiredApprovals: true,
  approverIds: true,
  approverGroupIds: true,
  approverRole: true,
  breakGlass: true,
  grantedAt: true,
  expiresAt: true,
  endedAt: true,
  createdAt: true,
  requester: { select: { name: true, email: true } },
  endedBy: { select: { name: true } },
} as const;

/** A request of this project, locked for a change when `lock`. Not found otherwise. */
export async function requestInProject(tx: Tx, projectId: string, requestId: string, lock: boolean) {
  if (lock) await tx.$queryRaw`SELECT id FROM role_requests WHERE id = ${requestId}::uuid AND project_id = ${projectId}::uuid FOR UPDATE`;
  const row = await tx.roleRequest.findFirst({ where: { id: requestId, projectId }, select: REQUEST_COLUMNS });
  if (!row) throw new NotFoundError();
  return row;
}

export type RoleRequestRow = Awaited<ReturnType<typeof requestInProject>>;

export const approverListOf = (row: Pick<RoleRequestRow, "approverIds" | "approverGroupIds" | "approverRole">): ApproverList => ({
  approverIds: row.approverIds,
  approverGroupIds: row.approverGroupIds,
  approverRole: row.approverRole,
});
