import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { renameOrgSchema, type RenameOrgInput } from "./schemas.ts";

/** Renames the org; its slug, and so its URLs, stay. Saving the same name changes and records nothing. */
export async function renameOrg(access: OrgAccess, input: RenameOrgInput): Promise<void> {
  if (!access.can("organization:edit")) throw new ForbiddenError("organization:edit");
  const { name } = renameOrgSchema.parse(input);
  if (name === access.org.name) return;
  await db().$transaction(async (tx) => {
    await tx.organization.update({ where: { id: access.org.id }, data: { name } });
    await recordOrgEvent(tx, access, {
      action: "org.renamed",
      target: { type: "organization", id: access.org.id },
      metadata: { before: access.org.name, after: name },
    });
  });
}
