import "server-only";
import { assertPlanFeature, assertWithinPlan } from "../billing/limits.ts";
import { randomUUID } from "node:crypto";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError } from "../errors.ts";
import type { z } from "zod";
import { Prisma } from "../../generated/prisma/client.ts";
import { assertCanGrantOrgRoles } from "../org-members/guards.ts";
import { credentialHash, mintCredential } from "./credentials.ts";
import {
  createClientSecretSchema,
  createIdentitySchema,
  IDENTITIES_PAGE_SIZE,
  identityListQuerySchema,
  identityRefSchema,
  revokeAccessTokenSchema,
  revokeClientSecretSchema,
  universalAuthSettingsSchema,
  updateIdentitySchema,
  type CreateClientSecretInput,
  type CreateIdentityInput,
  type IdentityRefInput,
  type RevokeAccessTokenInput,
  type RevokeClientSecretInput,
  type UniversalAuthSettingsInput,
  type UpdateIdentityInput,
} from "./schemas.ts";

/**
 * A machine identity is a principal like a person: a users row (kind IDENTITY, no password,
 * an address nobody can receive mail at) with an org membership, so org roles, project
 * roles, expiring grants, the boundary rule and the one-statement access loaders all apply
 * to it unchanged. It never signs in to the console; it logs in with Universal Auth.
 */
const IDENTITY_EMAIL_DOMAIN = "identities.tessera.invalid";


export async function createIdentity(access: OrgAccess, input: CreateIdentityInput): Promise<{ identityId: string; clientId: string }> {
  if (!access.can("identity:create")) throw new ForbiddenError("identity:create");
  const { name, role, deleteProtection } = createIdentitySchema.parse(input);
  await assertCanGrantOrgRoles(access, [role]);
  return db().$transaction(async (tx) => {
    // Machine identities take seats like people do; the org row is locked as joins lock it.
    await assertPlanFeature(tx, access.org.id, "apiAccess");
    await assertWithinPlan(tx, access.org.id, "seats");
    const identityId = randomUUID();
    const clientId = randomUUID();
    await tx.user.create({
      data: { id: identityId, kind: "IDENTITY", name, email: `${identityId}@${IDENTITY_EMAIL_DOMAIN}`, passwordHash: "" },
    });
    await tx.orgMembership.create({ data: { orgId: access.org.id, userId: identityId, role } });
    await tx.machineIdentity.create({ data: { userId: identityId, orgId: access.org.id, clientId, deleteProtection, createdById: access.actor.userId } });
    await recordOrgEvent(tx, access, {
      action: "identity.created",
      target: { type: "identity", id: identityId },
      metadata: { name, role },
    });
    return { identityId, clientId };
  });
}

/** An identity of the actor's org, or not found (another org's id is not found either). */
async function identityInOrg(client: Pick<Tx, "machineIdentity">, access: OrgAccess, identityId: string) {
  const identity = await client.machineIdentity.findFirst({
    where: { userId: identityId, orgId: access.org.id },
    select: { userId: true, clientId: true, deleteProtection: true, principal: { select: { name: true } } },
  });
  if (!identity) throw new NotFoundError();
  return identity;
}

/**
 * Who may change how an identity logs in, or what it is, may use it: so only those who could
 * give it its org role (the boundary rule) may, checked in the transaction that writes.
 */
async function assertAuthorityOver(tx: Tx, access: OrgAccess, identityId: string): Promise<{ membershipId: string; role: string }> {
  const membership = await tx.orgMembership.findFirstOrThrow({ where: { orgId: access.org.id, userId: identityId }, select: { id: true, role: true } });
  await assertCanGrantOrgRoles(access, [membership.role], tx);
  return { membershipId: membership.id, role: membership.role };
}

export type IdentityRow = { identityId: string; name: string; role: string; clientId: string; projectCount: number; createdAt: Date };

/** The org's identities by name, searched on the server, a page at a time. */
export async function listIdentities(access: OrgAccess, rawQuery: unknown) {
  if (!access.can("identity:read")) throw new ForbiddenError("identity:read");
  const query = identityListQuerySchema.parse(rawQuery ?? {});
  const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  const matches = query.q ? Prisma.sql`AND u.name ILIKE ${pattern}` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ identity_id: string; name: string; role: string; client_id: string; project_count: number; created_at: Date; total: number }>>`
    SELECT i.user_id AS identity_id, u.name, m.role, i.client_id, i.created_at,
           (SELECT count(*) FROM project_memberships pm WHERE pm.user_id = i.user_id)::int AS project_count,
           count(*) OVER ()::int AS total
      FROM machine_identities i JOIN users u ON u.id = i.user_id
      JOIN org_memberships m ON m.user_id = i.user_id AND m.org_id = i.org_id
     WHERE i.org_id = ${access.org.id}::uuid ${matches}
     ORDER BY u.name, u.id
     LIMIT ${IDENTITIES_PAGE_SIZE} OFFSET ${(query.page - 1) * IDENTITIES_PAGE_SIZE}`;
  const total = rows[0]?.total ?? 0;
  const identities: IdentityRow[] = rows.map((row) => ({
    identityId: row.identity_id,
    name: row.name,
    role: row.role,
    clientId: row.client_id,
    projectCount: row.project_count,
    createdAt: row.created_at,
  }));
  return { query, rows: identities, total, pageCount: Math.max(1, Math.ceil(total / IDENTITIES_PAGE_SIZE)) };
}

/**
 * Renames an identity, changes its org role, or sets its delete protection. Changing the role
 * needs authority over both the role it holds and the one it gets (the boundary rule, checked
 * now, in the transaction that writes it).
 */
export async function updateIdentity(access: OrgAccess, input: UpdateIdentityInput): Promise<void> {
  if (!access.can("identity:edit")) throw new ForbiddenError("identity:edit");
  const { identityId, name, role, deleteProtection } = updateIdentitySchema.parse(input);
  await db().$transaction(async (tx) => {
    const identity = await identityInOrg(tx, access, identityId);
    const membership = await assertAuthorityOver(tx, access, identityId);
    const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
    if (identity.principal.name !== name) changes.name = { from: identity.principal.name, to: name };
    if (membership.role !== role) changes.role = { from: membership.role, to: role };
    if (identity.deleteProtection !== deleteProtection) changes.deleteProtection = { from: identity.deleteProtection, to: deleteProtection };
    if (Object.keys(changes).length === 0) return;
    if (changes.role) {
      await assertCanGrantOrgRoles(access, [role], tx);
      await tx.orgMembership.update({ where: { id: membership.membershipId }, data: { role } });
    }
    if (changes.name) await tx.user.update({ where: { id: identityId }, data: { name } });
    if (changes.deleteProtection) await tx.machineIdentity.update({ where: { userId: identityId }, data: { deleteProtection } });
    await recordOrgEvent(tx, access, {
      action: "identity.updated",
      target: { type: "identity", id: identityId, label: `${name} (machine identity)` },
      metadata: changes,
      summary: Object.entries(changes)
        .map(([field, { from, to }]) => `${IDENTITY_FIELD_NAMES[field]}: ${String(from)} → ${String(to)}`)
        .join("; "),
    });
  });
}

/** Universal Auth settings: token lifetimes and uses, trusted addresses, lockout. */
export async function updateUniversalAuth(access: OrgAccess, input: UniversalAuthSettingsInput): Promise<void> {
  if (!access.can("identity:manage-auth")) throw new ForbiddenError("identity:manage-auth");
  const { identityId, orgSlug: _orgSlug, ...settings } = universalAuthSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await identityInOrg(tx, access, identityId);
    await assertAuthorityOver(tx, access, identityId);
    const before = await tx.machineIdentity.findUniqueOrThrow({ where: { userId: identityId }, select: settingsColumns });
    const changes: Prisma.InputJsonObject = Object.fromEntries(
      Object.entries(settings)
        .filter(([key, value]) => JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(value))
        .map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx.machineIdentity.update({ where: { userId: identityId }, data: settings });
    await recordOrgEvent(tx, access, {
      action: "identity.auth-updated",
      target: { type: "identity", id: identityId },
      metadata: changes,
      summary: `Changed ${Object.keys(changes).map((key) => SETTING_NAMES[key as keyof typeof settingsColumns]).join(", ")}`,
    });
  });
}

const IDENTITY_FIELD_NAMES: Record<string, string> = { name: "name", role: "org role", deleteProtection: "delete protection" };

const SETTING_NAMES: Record<keyof typeof settingsColumns, string> = {
  accessTokenTtlSeconds: "access token TTL",
  accessTokenMaxTtlSeconds: "max TTL",
  accessTokenMaxUses: "max uses per token",
  loginTrustedIps: "login trusted IPs",
  tokenTrustedIps: "token trusted IPs",
  lockoutThreshold: "lockout threshold",
  lockoutSeconds: "lockout duration",
};

const settingsColumns = {
  accessTokenTtlSeconds: true,
  accessTokenMaxTtlSeconds: true,
  accessTokenMaxUses: true,
  loginTrustedIps: true,
  tokenTrustedIps: true,
  lockoutThreshold: true,
  lockoutSeconds: true,
} as const;

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

export async function deleteIdentity(access: OrgAccess, input: IdentityRefInput): Promise<void> {
  if (!access.can("identity:delete")) throw new ForbiddenError("identity:delete");
  const { identityId } = identityRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const identity = await identityInOrg(tx, access, identityId);
    if (identity.deleteProtection) throw new RefusedError(`${identity.principal.name} is protected from deletion. Turn the protection off first.`);
    await assertAuthorityOver(tx, access, identityId);
    await recordOrgEvent(tx, access, {
      action: "identity.deleted",
      target: { type: "identity", id: identityId, label: `${identity.principal.name} (machine identity)` },
      metadata: { name: identity.principal.name },
    });
    // Its memberships, grants, secrets and tokens go with the principal row.
    await tx.user.delete({ where: { id: identityId } });
  });
}

/** A new client secret, returned this once: only its hash is kept. */
export async function createClientSecret(access: OrgAccess, input: CreateClientSecretInput): Promise<{ clientSecretId: string; clientSecret: string; clientId: string }> {
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

/** Live tokens listed on the identity page, newest first. */
export const LIVE_TOKENS_SHOWN = 50;

export type IdentityDetail = {
  identityId: string;
  name: string;
  role: string;
  clientId: string;
  deleteProtection: boolean;
  settings: Omit<UniversalAuthSettings, "identityId" | "orgSlug">;
  projects: Array<{ id: string; name: string; slug: string; roles: string[] }>;
  clientSecrets: Array<{ id: string; description: string; hint: string; createdAt: Date; expiresAt: Date | null; maxUses: number; useCount: number; lastUsedAt: Date | null; revokedAt: Date | null; revokedReason: string | null }>;
  liveTokens: Array<{ id: string; createdAt: Date; expiresAt: Date; maxExpiresAt: Date; maxUses: number; useCount: number; lastUsedAt: Date | null }>;
};

type UniversalAuthSettings = z.output<typeof universalAuthSettingsSchema>;

/** One identity of the actor's org with its projects, client secrets (never their values) and live tokens. */
export async function getIdentity(access: OrgAccess, input: IdentityRefInput): Promise<IdentityDetail> {
  if (!access.can("identity:read")) throw new ForbiddenError("identity:read");
  const { identityId } = identityRefSchema.parse(input);
  const identity = await db().machineIdentity.findFirst({
    where: { userId: identityId, orgId: access.org.id },
    select: {
      userId: true,
      clientId: true,
      deleteProtection: true,
      ...settingsColumns,
      principal: {
        select: {
          name: true,
          orgMemberships: { where: { orgId: access.org.id }, select: { role: true } },
          projectMemberships: { select: { project: { select: { id: true, name: true, slug: true } }, grants: { select: { role: true } } }, orderBy: { project: { name: "asc" } } },
        },
      },
      clientSecrets: { orderBy: { createdAt: "desc" }, take: 100, select: { id: true, description: true, hint: true, createdAt: true, expiresAt: true, maxUses: true, useCount: true, lastUsedAt: true, revokedAt: true, revokedReason: true } },
      accessTokens: {
        where: { revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        take: LIVE_TOKENS_SHOWN,
        select: { id: true, createdAt: true, expiresAt: true, maxExpiresAt: true, maxUses: true, useCount: true, lastUsedAt: true },
      },
    },
  });
  if (!identity) throw new NotFoundError();
  return {
    identityId: identity.userId,
    name: identity.principal.name,
    role: identity.principal.orgMemberships[0]?.role ?? "no-access",
    clientId: identity.clientId,
    deleteProtection: identity.deleteProtection,
    settings: {
      accessTokenTtlSeconds: identity.accessTokenTtlSeconds,
      accessTokenMaxTtlSeconds: identity.accessTokenMaxTtlSeconds,
      accessTokenMaxUses: identity.accessTokenMaxUses,
      loginTrustedIps: identity.loginTrustedIps,
      tokenTrustedIps: identity.tokenTrustedIps,
      lockoutThreshold: identity.lockoutThreshold,
      lockoutSeconds: identity.lockoutSeconds,
    },
    projects: identity.principal.projectMemberships.map((membership) => ({ ...membership.project, roles: membership.grants.map((grant) => grant.role) })),
    clientSecrets: identity.clientSecrets,
    liveTokens: identity.accessTokens.filter((token) => token.maxUses === 0 || token.useCount < token.maxUses),
  };
}
