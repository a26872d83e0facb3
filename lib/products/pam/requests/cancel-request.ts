import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { NotFoundError, RefusedError } from "../../../platform/errors.ts";
import { requestRefSchema, type RequestRefInput } from "../schemas.ts";
import { REQUEST_STATUS_LABELS } from "../vocabulary.ts";
import { requestInProject } from "./queries.ts";

/** The requester withdraws a request still waiting. */
export async function cancelRequest(access: ProjectAccess, input: RequestRefInput): Promise<void> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const row = await requestInProject(tx, access, requestId, true);
    if (row.requesterId !== access.orgAccess.actor.userId) throw new NotFoundError();
    if (row.status !== "PENDING")
      throw new RefusedError(`Only a request waiting for approval can be cancelled; this one is ${REQUEST_STATUS_LABELS[row.status].toLowerCase()}.`);
    await tx.pamAccessRequest.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
    await recordProjectEvent(tx, access, {
      action: "pam.request-cancelled",
      target: { type: "pam-request", id: requestId, label: `${row.account.name} on ${row.account.resource.name}` },
    });
  });
}
