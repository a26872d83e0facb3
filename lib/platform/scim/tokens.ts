import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { assertPlanIncludes } from "../billing/limits.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { credentialHash, mintCredential } from "../identities/credentials.ts";
import { createScimTokenSchema, revokeScimTokenSchema, type CreateScimTokenInput, type RevokeScimTokenInput } from "./schemas.ts";
import { SCIM_AUTHORITY } from "./authority.ts";

export type ScimTokenView = {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The org's provisioning tokens, newest first (never the token itself: only its hash is kept). */
export async function listScimTokens(access: OrgAccess): Promise<ScimTokenView[]> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const rows = await db().scimToken.findMany({
    where: { orgId: access.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map(({ createdBy, ...row }) => ({ ...row, createdBy: createdBy?.name ?? null }));
}

/**
 * Makes a token for the org's identity provider, shown once. It acts with its creator's
 * authority at each use, so the creator must hold everything provisioning does now — and the
 * token stops working on the day they no longer do.
 */
export async function createScimToken(access: OrgAccess, input: CreateScimTokenInput): Promise<{ id: string; token: string }> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  assertPlanIncludes(access.org, "sso");
  const { name, expiresIn } = createScimTokenSchema.parse(input);
  const missing = SCIM_AUTHORITY.filter((permission) => !access.can(permission));
  if (missing.length > 0) {
    throw ValidationError.field("name", `Provisioning adds and removes members and groups: your roles lack ${missing.join(", ")}.`);
  }
  const token = mintCredential("scim");
  const expiresAt = expiresIn === "never" ? null : new Date(Date.now() + Number(expiresIn) * 86_400_000);
  return db().$transaction(async (tx) => {
    const row = await tx.scimToken.create({
      data: { orgId: access.org.id, name, tokenHash: credentialHash(token), createdById: access.actor.userId, expiresAt },
      select: { id: true },
    });
    await recordOrgEvent(tx, access, {
      action: "scim.token-created",
      target: { type: "scim-token", id: row.id, label: name },
      metadata: { name, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: row.id, token };
  });
}

/** Revokes a token: the provider's next request with it is refused. */
export async function revokeScimToken(access: OrgAccess, input: RevokeScimTokenInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { tokenId } = revokeScimTokenSchema.parse(input);
  await db().$transaction(async (tx) => {
    const token = await tx.scimToken.findFirst({ where: { id: tokenId, orgId: access.org.id }, select: { name: true, revokedAt: true } });
    if (!token) throw new NotFoundError("No such token");
    if (token.revokedAt) return;
    await tx.scimToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordOrgEvent(tx, access, {
      action: "scim.token-revoked",
      target: { type: "scim-token", id: tokenId, label: token.name },
      metadata: { name: token.name },
    });
  });
}
