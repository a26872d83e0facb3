import "server-only";
import { afterResponse } from "../../../platform/after-response.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { pgTransaction, type RawTx } from "../../../platform/db.ts";
import { NotFoundError, RefusedError } from "../../../platform/errors.ts";
import { resignCrlSoon } from "../crl.ts";
import { crlEntryDer } from "../x509.ts";
import { revokeCertificateSchema, type RevokeCertificateInput } from "../schemas.ts";
import type { RevocationReason } from "../vocabulary.ts";
import { assertCanOn, type Names } from "./queries.ts";

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
  const caId = await pgTransaction(async (tx) => {
    const row = await revocableInProject(tx, access, certificateId);
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

/** What revoking reads of a certificate of the actor's project: its names and where it came from. */
async function revocableInProject(tx: RawTx, access: ProjectAccess, certificateId: string) {
  const [row] = await tx.$queryRaw<Array<Names & { id: string; caId: string; serialNumber: string; caName: string; profileName: string }>>`
    SELECT c.id, c.ca_id AS "caId", c.serial_number AS "serialNumber", c.common_name AS "commonName", c.dns_names AS "dnsNames",
           c.ip_addresses AS "ipAddresses", c.email_addresses AS "emailAddresses", ca.name AS "caName", p.name AS "profileName"
      FROM certificates c
      JOIN certificate_authorities ca ON ca.id = c.ca_id
      JOIN certificate_profiles p ON p.id = c.profile_id
     WHERE c.id = ${certificateId}::uuid AND c.project_id = ${access.project.id}::uuid`;
  if (!row) throw new NotFoundError();
  return { ...row, ca: { name: row.caName }, profile: { name: row.profileName } };
}

/**
 * Marks a certificate revoked with its CRL entry, or refuses one already revoked. The CA's
 * row is left alone: a signing in progress holds it, and the revocation would wait for it.
 * Unlisted (crl_listed false) until a CRL lists it, which the sweep sees. The caller records
 * the event and, after its commit, has the CRL signed again (resignCrlSoon).
 */
export async function markRevoked(tx: Pick<RawTx, "$executeRaw">, row: { id: string; serialNumber: string }, reason: RevocationReason): Promise<void> {
  const revokedAt = new Date();
  const crlEntry = crlEntryDer({ serialNumber: row.serialNumber, revokedAt, reason });
  const count = await tx.$executeRaw`
    UPDATE certificates SET revoked_at = ${revokedAt}, revocation_reason = ${reason}, crl_entry = ${Uint8Array.from(crlEntry)}
     WHERE id = ${row.id}::uuid AND revoked_at IS NULL`;
  if (count === 0) throw new RefusedError("This certificate is already revoked.");
}
