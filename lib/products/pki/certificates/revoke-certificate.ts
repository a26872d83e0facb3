import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { resignCrlAfterRevocation } from "../crl.ts";
import { crlEntryDer } from "../x509.ts";
import { revokeCertificateSchema, type RevokeCertificateInput } from "../schemas.ts";
import { assertCanOn, certificateInProject } from "./queries.ts";

/**
 * Revokes with an RFC 5280 reason, then signs the CA's CRL again at once (after the commit,
 * with the CRL marked due in it, so a failure there is the sweep's to finish). The
 * certificate's CRL entry is made here and kept: re-signing a CA's CRL with thousands of
 * entries concatenates them rather than encoding each again.
 */
export async function revokeCertificate(access: ProjectAccess, input: RevokeCertificateInput): Promise<{ crlNumber: number | null }> {
  requireProjectType(access, "PKI");
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  const caId = await db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:revoke", row);
    const revokedAt = new Date();
    const crlEntry = crlEntryDer({ serialNumber: row.serialNumber, revokedAt, reason });
    const { count } = await tx.certificate.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { revokedAt, revocationReason: reason, crlEntry: Uint8Array.from(crlEntry) },
    });
    if (count === 0) throw new RefusedError("This certificate is already revoked.");
    // Due now: whatever happens after this commit, the sweep signs a CRL that lists it.
    await tx.$executeRaw`UPDATE certificate_authorities SET crl_next_update = now() WHERE id = ${row.caId}::uuid`;
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-revoked",
      target: { type: "certificate", id: row.id, label: row.commonName },
      metadata: { ca: row.ca.name, serialNumber: row.serialNumber, reason },
      summary: `Reason: ${reason}`,
    });
    return row.caId;
  });
  const signed = await resignCrlAfterRevocation(caId);
  return { crlNumber: signed?.number ?? null };
}
