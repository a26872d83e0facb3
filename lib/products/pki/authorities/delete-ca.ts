import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { caRefSchema, type CaRefInput } from "../schemas.ts";
import { caInProject } from "./queries.ts";

/** Only a CA that signed nothing goes: certificates and CAs below it keep it in place. */
export async function deleteCa(access: ProjectAccess, input: CaRefInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { caId } = caRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId, true);
    access.assert("certificate-authority:delete", { caName: ca.name });
    const [certificates, children] = await Promise.all([
      tx.certificate.count({ where: { caId } }),
      tx.certificateAuthority.count({ where: { parentId: caId } }),
    ]);
    const profiles = await tx.certificateProfile.findMany({ where: { caId }, select: { name: true }, take: 5 });
    if (profiles.length && !certificates && !children) {
      throw new RefusedError(
        `Profiles issue from ${ca.name} (${profiles.map((profile) => profile.name).join(", ")}): delete them or point them at another CA first.`,
      );
    }
    if (certificates || children) {
      throw new RefusedError(`${ca.name} has signed ${certificates} certificates and ${children} CAs: disable it instead, so what it signed stays verifiable.`);
    }
    await recordProjectEvent(tx, access, {
      action: "pki.ca-deleted",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
      metadata: { name: ca.name },
    });
    await tx.certificateAuthority.delete({ where: { id: ca.id } });
  });
}
