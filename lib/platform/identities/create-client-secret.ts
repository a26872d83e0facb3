import "server-only";
import { assertPlanFeature } from "../billing/limits.ts";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { credentialHash, mintCredential } from "./credentials.ts";
import { createClientSecretSchema, type CreateClientSecretInput } from "./schemas.ts";
import { assertAuthorityOver, identityInOrg } from "./queries.ts";

/** A new client secret, returned this once: only its hash is kept. */
export async function createClientSecret(
  access: OrgAccess,
  input: CreateClientSecretInput,
): Promise<{ clientSecretId: string; clientSecret: string; clientId: string }> {
  if (!access.can("identity:manage-auth")) throw new ForbiddenError("identity:manage-auth");
  const { identityId, description, ttlSeconds, maxUses } = createClientSecretSchema.parse(input);
  return db().$transaction(async (tx) => {
    const identity = await identityInOrg(tx, access, identityId);
    await assertAuthorityOver(tx, access, identityId);
    await assertPlanFeature(tx, access.org.id, "apiAccess");
    const clientSecret = mintCredential("cs");
    const row = await tx.identityClientSecret.create({
      data: {
        identityId,
        description,
        secretHash: credentialHash(clientSecret),
        hint: clientSecret.slice(-4),
        expiresAt: ttlSeconds > 0 ? new Date(Date.now() + ttlSeconds * 1000) : null,
        maxUses,
      },
      select: { id: true },
    });
    await recordOrgEvent(tx, access, {
      action: "identity.client-secret-created",
      target: { type: "identity", id: identityId },
      metadata: { clientSecretId: row.id, description, ttlSeconds, maxUses },
    });
    return { clientSecretId: row.id, clientSecret, clientId: identity.clientId };
  });
}
