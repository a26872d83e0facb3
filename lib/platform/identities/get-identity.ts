import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { z } from "zod";
import { settingsColumns } from "./queries.ts";
import { identityRefSchema, universalAuthSettingsSchema, type IdentityRefInput } from "./schemas.ts";

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
  clientSecrets: Array<{
    id: string;
    description: string;
    hint: string;
    createdAt: Date;
    expiresAt: Date | null;
    maxUses: number;
    useCount: number;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    revokedReason: string | null;
  }>;
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
          projectMemberships: {
            select: { project: { select: { id: true, name: true, slug: true } }, grants: { select: { role: true } } },
            orderBy: { project: { name: "asc" } },
          },
        },
      },
      clientSecrets: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          description: true,
          hint: true,
          createdAt: true,
          expiresAt: true,
          maxUses: true,
          useCount: true,
          lastUsedAt: true,
          revokedAt: true,
          revokedReason: true,
        },
      },
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
