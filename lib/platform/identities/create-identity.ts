import "server-only";
import { assertPlanFeature, assertWithinPlan } from "../billing/limits.ts";
import { randomUUID } from "node:crypto";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { assertCanGrantOrgRoles } from "../org-members/guards.ts";
import { createIdentitySchema, type CreateIdentityInput } from "./schemas.ts";

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
