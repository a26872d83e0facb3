import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { revokeAccessTokenSchema, type RevokeAccessTokenInput } from "./schemas.ts";
import { identityInOrg } from "./queries.ts";

/** Ends one live access token of the identity now; its next request is refused. */
export async function revokeIdentityAccessToken(access: OrgAccess, input: RevokeAccessTokenInput): Promise<void> {
  if (!access.can("identity:manage-auth")) throw new ForbiddenError("identity:manage-auth");
  const { identityId, accessTokenId } = revokeAccessTokenSchema.parse(input);
  await db().$transaction(async (tx) => {
    await identityInOrg(tx, access, identityId);
    const { count } = await tx.identityAccessToken.updateMany({ where: { id: accessTokenId, identityId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new NotFoundError();
    await recordOrgEvent(tx, access, {
      action: "identity.token-revoked",
      target: { type: "identity", id: identityId },
      metadata: { accessTokenId },
    });
  });
}
