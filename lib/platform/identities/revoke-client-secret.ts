import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { revokeClientSecretSchema, type RevokeClientSecretInput } from "./schemas.ts";
import { identityInOrg } from "./queries.ts";

export async function revokeClientSecret(access: OrgAccess, input: RevokeClientSecretInput): Promise<void> {
  if (!access.can("identity:manage-auth")) throw new ForbiddenError("identity:manage-auth");
  const { identityId, clientSecretId, reason } = revokeClientSecretSchema.parse(input);
  await db().$transaction(async (tx) => {
    await identityInOrg(tx, access, identityId);
    const { count } = await tx.identityClientSecret.updateMany({
      where: { id: clientSecretId, identityId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    if (count === 0) throw new NotFoundError();
    await recordOrgEvent(tx, access, {
      action: "identity.client-secret-revoked",
      target: { type: "identity", id: identityId },
      metadata: { clientSecretId, reason },
    });
  });
}
