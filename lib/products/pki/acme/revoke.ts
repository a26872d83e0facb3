import "server-only";
import { exportJWK } from "jose";
import { afterResponse } from "../../../platform/after-response.ts";
import { db } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { markRevoked } from "../certificates/revoke-certificate.ts";
import { resignCrlSoon } from "../crl.ts";
import type { RevocationReason } from "../vocabulary.ts";
import { certificateFromDer } from "../x509.ts";
import { recordAcmeEvent, type AcmeAnswer, type AcmeContext } from "./context.ts";
import { thumbprintOf, type SignedRequest } from "./jws.ts";
import { AcmeProblem } from "./problems.ts";

/** RFC 5280 reason codes a client may give (8, removeFromCRL, is for delta CRLs only). */
const REASONS: Record<number, RevocationReason> = {
  0: "unspecified",
  1: "keyCompromise",
  2: "cACompromise",
  3: "affiliationChanged",
  4: "superseded",
  5: "cessationOfOperation",
  9: "privilegeWithdrawn",
};

/**
 * revokeCert (RFC 8555 section 7.6): a certificate issued through this profile, asked for by
 * the account whose order it was, or signed with the certificate's own key (jwk).
 */
export async function revokeOverAcme(context: AcmeContext, request: SignedRequest): Promise<AcmeAnswer> {
  const payload = request.payload ?? {};
  const reasonCode = payload.reason ?? 0;
  const reason = typeof reasonCode === "number" ? REASONS[reasonCode] : undefined;
  if (!reason) throw new AcmeProblem("badRevocationReason", "reason must be an RFC 5280 code: 0–5 or 9.");
  if (typeof payload.certificate !== "string") throw new AcmeProblem("malformed", "certificate must be the base64url DER of the certificate.");
  const der = Buffer.from(payload.certificate, "base64url");
  let certificate: ReturnType<typeof certificateFromDer>;
  try {
    certificate = certificateFromDer(der);
  } catch {
    throw new AcmeProblem("malformed", "certificate is not a DER X.509 certificate.");
  }
  const row = await db().certificate.findFirst({
    where: { projectId: context.project.id, profileId: context.profile.id, serialNumber: certificate.serialNumber.toLowerCase() },
    select: { id: true, serialNumber: true, caId: true, commonName: true, certificate: true, revokedAt: true },
  });
  if (!row || !Buffer.from(row.certificate).equals(der))
    throw new AcmeProblem("malformed", "This server did not issue that certificate through this profile.", 404);

  let account: { id: string; eabKeyName: string } | null = null;
  if (request.account) {
    const ordered = await db().acmeOrder.findFirst({ where: { certificateId: row.id, accountId: request.account.id }, select: { id: true } });
    if (!ordered) throw new AcmeProblem("unauthorized", "Only the account that ordered a certificate, or its key, may revoke it.", 403);
    account = request.account;
  } else {
    const certificateKey = await exportJWK(await certificate.publicKey.export());
    if ((await thumbprintOf(certificateKey)) !== (await thumbprintOf(request.jwk!))) {
      throw new AcmeProblem("unauthorized", "The request is not signed with the certificate's key.", 403);
    }
  }
  if (row.revokedAt) throw new AcmeProblem("alreadyRevoked", "This certificate is already revoked.");
  try {
    await db().$transaction(async (tx) => {
      await markRevoked(tx, row, reason);
      await recordAcmeEvent(tx, context, account ?? { id: "certificate key", eabKeyName: "none" }, {
        action: "pki.acme-certificate-revoked",
        target: { type: "certificate", id: row.id, label: row.commonName },
        metadata: { serialNumber: row.serialNumber, reason },
      });
    });
  } catch (error) {
    if (error instanceof RefusedError) throw new AcmeProblem("alreadyRevoked", error.message);
    throw error;
  }
  await afterResponse(() => resignCrlSoon(row.caId));
  return { status: 200 };
}
