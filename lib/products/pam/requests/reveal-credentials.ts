import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { NotFoundError, RefusedError } from "../../../platform/errors.ts";
import { openForRow } from "../../../platform/kms/row-sealing.ts";
import { requestRefSchema, type RequestRefInput } from "../schemas.ts";
import { credentialsFor, type GrantedCredentials } from "./grant.ts";
import { requestInProject } from "./queries.ts";

/**
 * The requester's one look at an approved grant's credentials: the sealed password is erased
 * in the same transaction that opens it, so a second look (or a leaked page) finds nothing.
 */
export async function revealCredentials(access: ProjectAccess, input: RequestRefInput): Promise<GrantedCredentials> {
  requireProjectType(access, "PAM");
  const { requestId } = requestRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await requestInProject(tx, access, requestId, true);
    if (row.requesterId !== access.orgAccess.actor.userId) throw new NotFoundError();
    const sealed = await tx.pamAccessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { sealedPassword: true } });
    if (row.status !== "ACTIVE" || !sealed.sealedPassword || !row.loginRole || !row.expiresAt) {
      throw new RefusedError(
        row.credentialsShownAt
          ? "These credentials were shown once already and are not kept: revoke this grant and ask again if you lost them."
          : "This request has no active grant.",
      );
    }
    const password = (await openForRow(tx, access.project.id, "pam-grant-password", requestId, sealed.sealedPassword)).toString("utf8");
    await tx.pamAccessRequest.update({ where: { id: requestId }, data: { sealedPassword: null, credentialsShownAt: new Date() } });
    await recordProjectEvent(tx, access, {
      action: "pam.credentials-shown",
      target: { type: "pam-request", id: requestId, label: row.loginRole },
    });
    return credentialsFor(row.account.resource, row.loginRole, password, row.expiresAt);
  });
}
