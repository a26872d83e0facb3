import "server-only";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { recordAuditEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { pgTransaction } from "../../../platform/db.ts";
import { ALREADY_DECIDED, decide, type Tally } from "../../../platform/approvals/decide.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { decideRequestSchema, type DecideRequestInput } from "../schemas.ts";
import { REQUEST_STATUS_LABELS } from "../vocabulary.ts";
import { grant } from "./grant.ts";
import { approvesNow, requestNames, requestToDecide } from "./queries.ts";

/**
 * An approver's decision. A rejection ends the request; the approval that reaches the count
 * grants it: the login role is created on the database and its password kept sealed until
 * the requester's one look.
 */
export async function decideRequest(access: ProjectAccess, input: DecideRequestInput): Promise<Tally> {
  requireProjectType(access, "PAM");
  const { requestId, decision, comment } = decideRequestSchema.parse(input);
  // Saying no stays possible; saying yes makes a grant, which the plan must include.
  if (decision === "APPROVE") assertPlanIncludes(access.orgAccess.org, "pam");
  const actorId = access.orgAccess.actor.userId;
  return pgTransaction(async (tx) => {
    const row = await requestToDecide(tx, access, requestId);
    const label = `${row.account.name} on ${row.account.resource.name}`;
    return decide({
      decision,
      actorId,
      request: { ...row, statusLabel: REQUEST_STATUS_LABELS[row.status] },
      permission: "access-request:approve",
      permitted: access.can("access-request:approve", requestNames(row)),
      named: async () => approvesNow(access, row),
      record: async () => {
        // A second decision by the same approver meets the unique index.
        const inserted = await tx.$executeRaw`
            INSERT INTO pam_approvals (id, request_id, approver_id, decision, comment)
            VALUES (${uuid7()}::uuid, ${requestId}::uuid, ${actorId}::uuid, ${decision}::"PamDecision", ${comment})
            ON CONFLICT (request_id, approver_id) DO NOTHING`;
        if (inserted === 0) throw new RefusedError(ALREADY_DECIDED);
        await recordAuditEvent(tx, {
          orgId: access.orgAccess.org.id,
          projectId: access.project.id,
          actorId,
          action: decision === "APPROVE" ? "pam.request-approved" : "pam.request-rejected",
          target: { type: "pam-request", id: requestId, label },
          metadata: { account: row.account.name, resource: row.account.resource.name, comment },
          summary: comment ? comment.slice(0, 200) : undefined,
        });
      },
      approvals: async () => {
        const [row] = await tx.$queryRaw<[{ approvals: number }]>`
            SELECT count(*)::int AS approvals FROM pam_approvals WHERE request_id = ${requestId}::uuid AND decision = 'APPROVE'`;
        return row.approvals;
      },
      reject: async () => {
        await tx.$executeRaw`UPDATE pam_access_requests SET status = 'REJECTED', updated_at = now() WHERE id = ${requestId}::uuid`;
      },
      grant: async () => {
        await grant(
          tx,
          access,
          { requestId, accountId: row.accountId, accountRole: row.account.name, resourceId: row.account.resourceId, durationMinutes: row.durationMinutes },
          true,
        );
      },
    });
  });
}
