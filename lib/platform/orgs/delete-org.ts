import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { PRODUCT_TYPES } from "../authz/catalogue.ts";
import { productHooks } from "../projects/product-hooks.ts";
import { deleteOrgSchema, type DeleteOrgInput } from "./schemas.ts";

/**
 * Deletes the org and everything in it; the person types its slug to confirm. Its own
 * audit log goes with it, so the deletion is recorded outside the org.
 */
export async function deleteOrg(access: OrgAccess, input: DeleteOrgInput): Promise<void> {
  if (!access.can("organization:delete")) throw new ForbiddenError("organization:delete");
  const { confirmation } = deleteOrgSchema.parse(input);
  const { org, actor } = access;
  if (confirmation.trim() !== org.slug) throw ValidationError.field("confirmation", `Type ${org.slug} to confirm.`);
  await db().$transaction(async (tx) => {
    for (const type of PRODUCT_TYPES) await productHooks(type).beforeProjectsDeleted?.(tx, { orgId: org.id });
    await tx.organization.delete({ where: { id: org.id } });
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "org.deleted",
      target: { type: "organization", id: org.id },
      metadata: { name: org.name, slug: org.slug },
    });
  });
}
