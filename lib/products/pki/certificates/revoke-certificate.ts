import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { resignCrl } from "../crl.ts";
import { crlEntryDer } from "../x509.ts";
import { revokeCertificateSchema, type RevokeCertificateInput } from "../schemas.ts";
import { assertCanOn, certificateInProject } from "./queries.ts";

/**
 * Revokes with an RFC 5280 reason and signs the CA's CRL again in the same transaction. The
 * certificate's CRL entry is made here and kept, so re-signing a CA's CRL with thousands of
 * entries concatenates them rather than encoding each again.
 */
export async function revokeCertificate(access: ProjectAccess, input: RevokeCertificateInput): Promise<{ crlNumber: number }> {
  requireProjectType(access, "PKI");
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:revoke", row);
    const revokedAt = new Date();
    const crlEntry = crlEntryDer({ serialNumber: row.serialNumber, revokedAt, reason });
    const { count } = await tx.certificate.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { revokedAt, revocationReason: reason, crlEntry: Uint8Array.from(crlEntry) },
    });
    if (count === 0) throw new RefusedError("This certificate is already revoked.");
    const signed = await resignCrl(tx, row.caId);
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-revoked",
      target: { type: "certificate", id: row.id, label: row.commonName },
      metadata: { ca: row.ca.name, serialNumber: row.serialNumber, reason, crlNumber: signed?.number ?? null },
      summary: `Reason: ${reason}`,
    });
    return { crlNumber: signed?.number ?? 0 };
  });
}
