import "server-only";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { recordAuditEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, isUniqueViolation } from "../../../platform/db.ts";
import { ForbiddenError, RefusedError } from "../../../platform/errors.ts";
import { decideRequestSchema, type DecideRequestInput } from "../schemas.ts";
import { type RequestStatus, REQUEST_STATUS_LABELS } from "../vocabulary.ts";
import { grant, GRANT_TX } from "./grant.ts";
import { approvesNow, requestInProject, requestNames } from "./queries.ts";

/**
 * An approver's decision. A rejection ends the request; the approval that reaches the count
 * grants it: the login role is created on the database and its password kept sealed until
 * the requester's one look.
 */
export async function decideRequest(access: ProjectAccess, input: DecideRequestInput): Promise<{ status: RequestStatus; approvals: number }> {
  requireProjectType(access, "PAM");
  const { requestId, decision, comment } = decideRequestSchema.parse(input);
  // Saying no stays possible; saying yes makes a grant, which the plan must include.
  if (decision === "APPROVE") assertPlanIncludes(access.orgAccess.org, "pam");
  const actorId = access.orgAccess.actor.userId;
  try {
    return await db().$transaction(async (tx) => {
      const row = await requestInProject(tx, access, requestId, true);
      if (row.requesterId === actorId) throw new RefusedError("You cannot approve or reject your own request: another approver must decide it.");
      if (!access.can("access-request:approve", requestNames(row))) throw new ForbiddenError("access-request:approve");
      if (!approvesNow(access, row)) throw new RefusedError("You are not one of this request's approvers.");
      if (row.status !== "PENDING")
        throw new RefusedError(`This request is no longer waiting for approval: it is ${REQUEST_STATUS_LABELS[row.status].toLowerCase()}.`);
      await tx.pamApproval.create({ data: { requestId, approverId: actorId, decision, comment } });
      const label = `${row.account.name} on ${row.account.resource.name}`;
      await recordAuditEvent(tx, {
        orgId: access.orgAccess.org.id,
        projectId: access.project.id,
        actorId,
        action: decision === "APPROVE" ? "pam.request-approved" : "pam.request-rejected",
        target: { type: "pam-request", id: requestId, label },
        metadata: { account: row.account.name, resource: row.account.resource.name, comment },
        summary: comment ? comment.slice(0, 200) : undefined,
      });
      if (decision === "REJECT") {
        await tx.pamAccessRequest.update({ where: { id: requestId }, data: { status: "REJECTED" } });
        return { status: "REJECTED" as const, approvals: await tx.pamApproval.count({ where: { requestId, decision: "APPROVE" } }) };
      }
      const approvals = await tx.pamApproval.count({ where: { requestId, decision: "APPROVE" } });
      if (approvals < row.requiredApprovals) return { status: "PENDING" as const, approvals };
      await grant(
        tx,
        access,
        { requestId, accountId: row.accountId, accountRole: row.account.name, resourceId: row.account.resourceId, durationMinutes: row.durationMinutes },
        true,
      );
      return { status: "ACTIVE" as const, approvals };
    }, GRANT_TX);
  } catch (error) {
    if (isUniqueViolation(error)) throw new RefusedError("You have already decided on this request.");
    throw error;
  }
}
