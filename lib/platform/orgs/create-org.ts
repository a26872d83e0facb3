import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ValidationError } from "../errors.ts";
import { createOrgSchema, type CreateOrgInput } from "./schemas.ts";

export type CreatedOrg = { id: string; name: string; slug: string };

/** Any signed-in person may create an org; they become its first Admin. */
export async function createOrg(actor: Actor, input: CreateOrgInput): Promise<CreatedOrg> {
  const { name, slug } = createOrgSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { name, slug }, select: { id: true, name: true, slug: true } });
      await tx.orgMembership.create({ data: { orgId: org.id, userId: actor.userId, role: "admin" satisfies OrgRoleSlug } });
      await recordAuditEvent(tx, {
        orgId: org.id,
        actorId: actor.userId,
        action: "org.created",
        target: { type: "organization", id: org.id },
        metadata: { name, slug },
      });
      return org;
    });
  } catch (error) {
    // The unique index decides races: of two creates with one slug, exactly one wins.
    if (isUniqueViolation(error)) throw ValidationError.field("slug", `The slug "${slug}" is taken. Choose another.`);
    throw error;
  }
}
