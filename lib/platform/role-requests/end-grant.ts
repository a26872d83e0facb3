import "server-only";
import { recordAuditEvent, recordProjectEvent } from "../audit/record-audit-event.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, type Tx } from "../db.ts";
import { NotFoundError, RefusedError } from "../errors.ts";
import { requestInProject, roleOfProject, type RoleRequestRow } from "./queries.ts";
import { myRoleRequestRefSchema, roleRequestRefSchema, type MyRoleRequestRefInput, type RoleRequestRefInput } from "./schemas.ts";
import { ROLE_REQUEST_STATUS_LABELS, statusNow } from "./vocabulary.ts";

/**
 * Ends a requested role before its time: the grant stops now (and counts as recorded, so the
 * expiry sweep does not write it down again), and every active request of the person for that
 * role in the project ends with it.
 */
async function endNow(tx: Tx, row: RoleRequestRow, endedById: string): Promise<void> {
  if (statusNow(row.status, row.expiresAt, new Date()) !== "ACTIVE")
    throw new RefusedError(
      `Only an active role can be ended; this request is ${ROLE_REQUEST_STATUS_LABELS[statusNow(row.status, row.expiresAt, new Date())].toLowerCase()}.`,
    );
  await tx.$executeRaw`
    UPDATE project_role_grants g SET expires_at = now(), expiry_recorded_at = now()
      FROM project_memberships pm
     WHERE g.project_membership_id = pm.id AND pm.project_id = ${row.projectId}::uuid AND pm.user_id = ${row.requesterId}::uuid
       AND g.role = ${row.role} AND g.expires_at > now()`;
  await tx.roleRequest.updateMany({
    where: { projectId: row.projectId, requesterId: row.requesterId, role: row.role, status: "ACTIVE" },
    data: { status: "ENDED", endedAt: new Date(), endedById },
  });
}

/** An approver (who could grant the role) ends someone's requested role early. */
export async function endRoleGrant(access: ProjectAccess, input: RoleRequestRefInput): Promise<void> {
  const { requestId } = roleRequestRefSchema.parse(input);
  const actorId = access.orgAccess.actor.userId;
  await db().$transaction(async (tx) => {
    const row = await requestInProject(tx, access.project.id, requestId, true);
    if (row.requesterId !== actorId) {
      access.assert("role-request:approve");
      const role = await roleOfProject(tx, access.project, row.role);
      if (role && !holdsEveryPermission(access, role.rules)) throw new RefusedError(`You cannot end the ${role.name} role: it allows more than you hold here.`);
    }
    await endNow(tx, row, actorId);
    await recordProjectEvent(tx, access, {
      action: "role-request.ended",
      target: { type: "role-request", id: requestId, label: row.role },
      metadata: { role: row.role, requesterId: row.requesterId },
    });
  });
}

/** The requester gives back a role they asked for, or withdraws a request still waiting: from anywhere in the org. */
export async function endMyRoleRequest(access: OrgAccess, input: MyRoleRequestRefInput): Promise<void> {
  const { requestId } = myRoleRequestRefSchema.parse(input);
  const actorId = access.actor.userId;
  await db().$transaction(async (tx) => {
    const [found] = await tx.$queryRaw<Array<{ project_id: string }>>`
      SELECT r.project_id FROM role_requests r JOIN projects p ON p.id = r.project_id
       WHERE r.id = ${requestId}::uuid AND p.org_id = ${access.org.id}::uuid AND r.requester_id = ${actorId}::uuid
         FOR UPDATE OF r`;
    if (!found) throw new NotFoundError();
    const row = await requestInProject(tx, found.project_id, requestId, false);
    const cancelling = row.status === "PENDING";
    if (cancelling) await tx.roleRequest.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
    else await endNow(tx, row, actorId);
    await recordAuditEvent(tx, {
      orgId: access.org.id,
      projectId: row.projectId,
      actorId,
      action: cancelling ? "role-request.cancelled" : "role-request.ended",
      target: { type: "role-request", id: requestId, label: row.role },
      metadata: { role: row.role, requesterId: actorId },
    });
  });
}
