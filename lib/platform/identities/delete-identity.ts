import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, RefusedError } from "../errors.ts";
import { identityRefSchema, type IdentityRefInput } from "./schemas.ts";
import { assertAuthorityOver, identityInOrg } from "./queries.ts";

export async function deleteIdentity(access: OrgAccess, input: IdentityRefInput): Promise<void> {
  if (!access.can("identity:delete")) throw new ForbiddenError("identity:delete");
  const { identityId } = identityRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const identity = await identityInOrg(tx, access, identityId);
    if (identity.deleteProtection) throw new RefusedError(`${identity.principal.name} is protected from deletion. Turn the protection off first.`);
    await assertAuthorityOver(tx, access, identityId);
    await recordOrgEvent(tx, access, {
      action: "identity.deleted",
      target: { type: "identity", id: identityId, label: identity.principal.name },
      metadata: { name: identity.principal.name },
    });
    // Its memberships, grants, secrets and tokens go with the principal row.
    await tx.user.delete({ where: { id: identityId } });
  });
}
