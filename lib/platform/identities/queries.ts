import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import type { Tx } from "../db.ts";
import { NotFoundError } from "../errors.ts";
import { assertCanGrantOrgRoles } from "../org-members/guards.ts";

/** An identity of the actor's org, or not found (another org's id is not found either). */
export async function identityInOrg(client: Pick<Tx, "machineIdentity">, access: OrgAccess, identityId: string) {
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
export async function assertAuthorityOver(tx: Tx, access: OrgAccess, identityId: string): Promise<{ membershipId: string; role: string }> {
  const membership = await tx.orgMembership.findFirstOrThrow({ where: { orgId: access.org.id, userId: identityId }, select: { id: true, role: true } });
  await assertCanGrantOrgRoles(access, [membership.role], tx);
  return { membershipId: membership.id, role: membership.role };
}

/** The Universal Auth settings an identity row carries, read and changed together. */
export const settingsColumns = {
  accessTokenTtlSeconds: true,
  accessTokenMaxTtlSeconds: true,
  accessTokenMaxUses: true,
  loginTrustedIps: true,
  tokenTrustedIps: true,
  lockoutThreshold: true,
  lockoutSeconds: true,
} as const;
