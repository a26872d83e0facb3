import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { setCaEnabledSchema, type SetCaEnabledInput } from "../schemas.ts";
import { caInProject } from "./queries.ts";

/** A disabled CA issues nothing (its CRL is still published and re-signed). */
export async function setCaEnabled(access: ProjectAccess, input: SetCaEnabledInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { caId, enabled } = setCaEnabledSchema.parse(input);
  await db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId, true);
    access.assert("certificate-authority:edit", { caName: ca.name });
    if (ca.status === "PENDING") throw new RefusedError(`${ca.name} has no certificate yet: import it first.`);
    const status = enabled ? "ACTIVE" : "DISABLED";
    if (ca.status === status) return;
    await tx.certificateAuthority.update({ where: { id: ca.id }, data: { status } });
    await recordProjectEvent(tx, access, {
      action: enabled ? "pki.ca-enabled" : "pki.ca-disabled",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
    });
  });
}
