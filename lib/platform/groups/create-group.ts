import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { assertPlanFeature, assertWithinPlan } from "../billing/limits.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { assertHoldsWhatGroupGives } from "./holdings.ts";
import { createGroupSchema, type CreateGroupInput } from "./schemas.ts";

/** A new group, empty, with an org role or none. Its org role follows the boundary rule. */
export async function createGroup(access: OrgAccess, input: CreateGroupInput): Promise<{ groupId: string; slug: string }> {
  if (!access.can("group:create")) throw new ForbiddenError("group:create");
  const { name, slug, description, orgRole } = createGroupSchema.parse(input);
  if (orgRole) await assertHoldsWhatGroupGives(db(), access, { orgRoles: [orgRole], projectRoles: [] }, "orgRole");
  try {
    return await db().$transaction(async (tx) => {
      await assertPlanFeature(tx, access.org.id, "groups");
      await assertWithinPlan(tx, access.org.id, "groups");
      const group = await tx.group.create({ data: { orgId: access.org.id, name, slug, description, orgRole }, select: { id: true } });
      const names = await roleNamesIn(access.org.id, tx);
      await recordOrgEvent(tx, access, {
        action: "group.created",
        target: { type: "group", id: group.id, label: name },
        metadata: { name, slug, orgRole },
        summary: orgRole ? `org role ${names.org(orgRole)}` : undefined,
      });
      return { groupId: group.id, slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("slug", `A group with the slug "${slug}" exists. Choose another.`);
    throw error;
  }
}
