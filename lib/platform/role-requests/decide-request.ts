import "server-only";
import { namedApprover } from "../approvals/approvers.ts";
import { alreadyDecided, decide, type Tally } from "../approvals/decide.ts";
import { recordProjectEvent } from "../audit/record-audit-event.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { grantRequestedRole } from "./grant.ts";
import { tellRequesterOfDecision } from "./mail.ts";
import { approverListOf, requestInProject, roleOfProject } from "./queries.ts";
import { decideRoleRequestSchema, type DecideRoleRequestInput } from "./schemas.ts";
import { ROLE_REQUEST_STATUS_LABELS } from "./vocabulary.ts";

/**
 * An approver's decision, their authority read now: role-request:approve, named by the
 * request's approver list, and (to approve) holding every permission of the role. The
 * approval that reaches the count grants the role; the requester hears how it ended.
 */
export async function decideRoleRequest(access: ProjectAccess, input: DecideRoleRequestInput): Promise<Tally> {
  const { requestId, decision, comment } = decideRoleRequestSchema.parse(input);
  const { orgAccess, project } = access;
  const actorId = orgAccess.actor.userId;
  const { tally, row, roleName } = await db()
    .$transaction(async (tx) => {
      const row = await requestInProject(tx, project.id, requestId, true);
      const role = await roleOfProject(tx, project, row.role);
      const roleName = role?.name ?? row.role;
      const beyond =
        decision !== "APPROVE"
          ? null
          : !role
            ? `The ${row.role} role no longer exists in this project: reject the request instead.`
            : holdsEveryPermission(access, role.rules)
              ? null
              : `You cannot approve the ${role.name} role: it allows more than you hold here. An approver who holds all of it must decide.`;
      const tally = await decide({
        decision,
        actorId,
        request: { ...row, statusLabel: ROLE_REQUEST_STATUS_LABELS[row.status] },
        permission: "role-request:approve",
        permitted: access.can("role-request:approve"),
        beyondAuthority: beyond,
        named: () => namedApprover(tx, approverListOf(row), actorId, access.membership?.liveRoles ?? []),
        record: async () => {
          await tx.roleRequestDecision.create({ data: { requestId, approverId: actorId, decision, comment } });
          await recordProjectEvent(tx, access, {
            action: decision === "APPROVE" ? "role-request.approved" : "role-request.rejected",
            target: { type: "role-request", id: requestId, label: roleName },
            metadata: { role: row.role, requesterId: row.requesterId, comment },
            summary: comment ? comment.slice(0, 200) : undefined,
          });
        },
        approvals: () => tx.roleRequestDecision.count({ where: { requestId, decision: "APPROVE" } }),
        reject: async () => {
          await tx.roleRequest.update({ where: { id: requestId }, data: { status: "REJECTED" } });
        },
        grant: async () => {
          await grantRequestedRole(tx, { orgId: orgAccess.org.id, projectId: project.id, actorId }, row);
        },
      });
      return { tally, row, roleName };
    })
    .catch(alreadyDecided);
  if (tally.status !== "PENDING" && row.requesterId && row.requester) {
    await tellRequesterOfDecision({
      org: orgAccess.org,
      project,
      requestId,
      requester: row.requester,
      requesterId: row.requesterId,
      roleName,
      durationMinutes: row.durationMinutes,
      reason: row.reason,
      approved: tally.status === "ACTIVE",
      deciderName: orgAccess.actor.name,
      comment,
    });
  }
  return tally;
}
