import "server-only";
import { afterResponse } from "../../../platform/after-response.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, type Tx } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { resignCrlSoon } from "../crl.ts";
import { crlEntryDer } from "../x509.ts";
import { revokeCertificateSchema, type RevokeCertificateInput } from "../schemas.ts";
import type { RevocationReason } from "../vocabulary.ts";
import { assertCanOn, certificateInProject } from "./queries.ts";

/**
 * Revokes with an RFC 5280 reason; the CA's CRL is signed again as soon as the answer has
 * gone (a CA with 10,000 revocations takes ~60 ms to sign, which the person revoking need
 * not wait for), one signing for a burst of revocations. Until a CRL lists it the
 * revocation is unlisted, so if that signing fails, or the process stops first, the sweep
 * signs it. The certificate's CRL entry is made here and kept: re-signing concatenates the
 * entries rather than encoding each again.
 */
export async function revokeCertificate(access: ProjectAccess, input: RevokeCertificateInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  const caId = await db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:revoke", row);
    await markRevoked(tx, row, reason);
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-revoked",
      target: { type: "certificate", id: row.id, label: row.commonName },
      metadata: { ca: row.ca.name, serialNumber: row.serialNumber, reason },
      summary: `Reason: ${reason}`,
    });
    return row.caId;
  });
  await afterResponse(() => resignCrlSoon(caId));
}

/**
 * Marks a certificate revoked with its CRL entry, or refuses one already revoked. The CA's
 * row is left alone: a signing in progress holds it, and the revocation would wait for it.
 * Unlisted (crl_listed false) until a CRL lists it, which the sweep sees. The caller records
 * the event and, after its commit, has the CRL signed again (resignCrlSoon).
 */
export async function markRevoked(tx: Pick<Tx, "certificate">, row: { id: string; serialNumber: string }, reason: RevocationReason): Promise<void> {
  const revokedAt = new Date();
  const crlEntry = crlEntryDer({ serialNumber: row.serialNumber, revokedAt, reason });
  const { count } = await tx.certificate.updateMany({
    where: { id: row.id, revokedAt: null },
    data: { revokedAt, revocationReason: reason, crlEntry: Uint8Array.from(crlEntry) },
  });
  if (count === 0) throw new RefusedError("This certificate is already revoked.");
}
