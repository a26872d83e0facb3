import "server-only";
import { afterResponse } from "../../../platform/after-response.ts";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { recordAuditEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ForbiddenError, RefusedError, ValidationError } from "../../../platform/errors.ts";
import { oneLine } from "../../../platform/display-names.ts";
import { quoted } from "../../../platform/mail/quoted.ts";
import { mailConfigured, publicUrl, sendMail } from "../../../platform/mail/send-mail.ts";
import { accountInProject, namesOf } from "../accounts.ts";
import type { AccountNames } from "../vocabulary.ts";
import { approversOf, mayApprove, policyFor } from "../policies.ts";
import { authorStillApproves } from "../../../platform/approvals/approvers.ts";
import { assertBreakGlassAllowed } from "../../../platform/approvals/break-glass.ts";
import { approvalsInWords } from "../../../platform/approvals/vocabulary.ts";
import { createRequestSchema, type CreateRequestInput } from "../schemas.ts";
import { type RequestStatus } from "../vocabulary.ts";
import { grant, GRANT_TX, type GrantedCredentials } from "./grant.ts";

export type CreatedRequest = { requestId: string; status: RequestStatus; credentials: GrantedCredentials | null };

/**
 * Asks for an account for a while. The strictest policy covering it decides how long at most
 * and who approves; with break-glass a listed person grants it to themselves at once and the
 * approvers are told.
 */
export async function createRequest(access: ProjectAccess, input: CreateRequestInput): Promise<CreatedRequest> {
  requireProjectType(access, "PAM");
  assertPlanIncludes(access.orgAccess.org, "pam");
  const fields = createRequestSchema.parse(input);
  const requesterId = access.orgAccess.actor.userId;
  const created = await db().$transaction(async (tx) => {
    // One open request per person and account at a time: lock the account row to decide it.
    await tx.$queryRaw`SELECT id FROM pam_accounts WHERE id = ${fields.accountId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
    const account = await accountInProject(tx, access, fields.accountId);
    const names = namesOf(account);
    access.assert("account:access", names);
    if (!access.can("access-request:create", names)) throw new ForbiddenError("access-request:create");
    const policy = await policyFor(tx, access.project.id, names);
    if (!policy)
      throw new RefusedError(
        `No access policy covers ${account.name} on ${account.resource.name}, so nobody can approve a request for it: ask a project admin to add one.`,
      );
    const maxMinutes = Math.min(account.maxDurationMinutes, policy.maxDurationMinutes);
    if (fields.durationMinutes > maxMinutes) throw ValidationError.field("durationMinutes", `At most ${maxMinutes} minutes for this account.`);
    if (fields.breakGlass) {
      await assertBreakGlassAllowed({
        policy,
        requesterId,
        reason: fields.reason,
        subject: account.name,
        authorStillApproves: () => authorStillApproves(tx, access.project, policy.createdById, mayApprove(names)),
      });
    } else {
      if (account.reasonRequired && !fields.reason) throw ValidationError.field("reason", "Say why you need this account.");
      const approvers = await approversOf(tx, access.project, requesterId, policy, names);
      if (approvers.length < policy.requiredApprovals) {
        throw new RefusedError(
          `${policy.name} needs ${approvalsInWords(policy.requiredApprovals)}, but only ${approvers.length} ${approvers.length === 1 ? "person" : "people"} other than you can approve: ask a project admin to name more approvers.`,
        );
      }
    }
    const open = await tx.pamAccessRequest.count({ where: { accountId: account.id, requesterId, status: { in: ["PENDING", "ACTIVE"] } } });
    if (open) throw new RefusedError(`You already have an open request or an active grant for ${account.name}: cancel or use it first.`);
    const request = await tx.pamAccessRequest.create({
      data: {
        projectId: access.project.id,
        accountId: account.id,
        requesterId,
        durationMinutes: fields.durationMinutes,
        reason: fields.reason,
        status: "PENDING",
        policyName: policy.name,
        requiredApprovals: policy.requiredApprovals,
        approverIds: policy.approverIds,
        approverRole: policy.approverRole,
        breakGlass: fields.breakGlass,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      projectId: access.project.id,
      actorId: requesterId,
      action: fields.breakGlass ? "pam.break-glass-used" : "pam.request-created",
      target: { type: "pam-request", id: request.id, label: `${account.name} on ${account.resource.name}` },
      metadata: { account: account.name, resource: account.resource.name, durationMinutes: fields.durationMinutes, reason: fields.reason, policy: policy.name },
      summary: `${fields.breakGlass ? "BREAK-GLASS: " : ""}${account.name} for ${fields.durationMinutes} min: ${fields.reason}`.slice(0, 200),
    });
    const credentials = fields.breakGlass
      ? await grant(
          tx,
          access,
          { requestId: request.id, accountId: account.id, accountRole: account.name, resourceId: account.resourceId, durationMinutes: fields.durationMinutes },
          false,
        )
      : null;
    return { requestId: request.id, credentials, names, policy };
  }, GRANT_TX);
  if (created.credentials) await tellApproversOfBreakGlass(access, created.requestId, created.names, created.policy, fields.reason);
  return { requestId: created.requestId, status: created.credentials ? "ACTIVE" : "PENDING", credentials: created.credentials };
}

async function tellApproversOfBreakGlass(
  access: ProjectAccess,
  requestId: string,
  names: AccountNames,
  policy: { approverIds: string[]; approverRole: string | null },
  reason: string,
): Promise<void> {
  if (!mailConfigured()) return;
  const requesterId = access.orgAccess.actor.userId;
  const approverIds = await db().$transaction((tx) => approversOf(tx, access.project, requesterId, policy, names));
  const approvers = await db().user.findMany({ where: { id: { in: approverIds } }, select: { email: true } });
  const requester = await db().user.findUniqueOrThrow({ where: { id: requesterId }, select: { name: true, email: true } });
  const link = publicUrl(`/orgs/${access.orgAccess.org.slug}/projects/${access.project.slug}/access-requests/${requestId}`);
  await afterResponse(() =>
    Promise.all(
      approvers.map((approver) =>
        sendMail({
          to: approver.email,
          subject: `Break-glass access: ${oneLine(requester.name)} took ${oneLine(names.accountName)} on ${oneLine(names.resourceName)}`,
          lines: [
            `${quoted(requester.name)} (${requester.email}) granted themselves ${quoted(names.accountName)} on ${quoted(names.resourceName)} without approval, in ${quoted(access.project.name)}.`,
            "",
            `Reason: ${quoted(reason)}`,
            "",
            `Review or revoke it: ${link}`,
          ],
        }),
      ),
    ),
  );
}
