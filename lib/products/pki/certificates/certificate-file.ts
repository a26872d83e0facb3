import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, prismaRunner } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { chainPemOf, issuerChainOf } from "../authorities/issuer-chain.ts";
import { openPrivateKey } from "../keys.ts";
import { certificateFileSchema, type CertificateFileInput } from "../schemas.ts";
import { toPem } from "../x509.ts";
import { assertCanOn, certificateInProject } from "./queries.ts";
import { certificateFileBase } from "../vocabulary.ts";

export type CertificateFile = { filename: string; contentType: string; base64: string };

/**
 * A certificate as a file, named after it: PEM (`api.example.com.pem`), the CA chain alone
 * (`.chain.pem`: its CAs up to the root), the full chain (`-fullchain.pem`: the certificate,
 * then that chain, as servers want it), DER, or its kept private key (`.key.pem`) — that one only with `certificate:read-private-key`, and audited.
 */
export async function certificateFile(access: ProjectAccess, input: CertificateFileInput): Promise<CertificateFile> {
  requireProjectType(access, "PKI");
  const { certificateId, file } = certificateFileSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:read", row);
    const base = certificateFileBase(row.commonName);
    if (file === "der") return { filename: `${base}.der`, contentType: "application/pkix-cert", base64: Buffer.from(row.certificate).toString("base64") };
    if (file === "certificate")
      return { filename: `${base}.pem`, contentType: "application/x-pem-file", base64: Buffer.from(toPem(row.certificate, "CERTIFICATE")).toString("base64") };
    if (file === "chain" || file === "fullchain") {
      const cas = chainPemOf(await issuerChainOf(prismaRunner(tx), access.project.id, row.caId));
      const pem = file === "fullchain" ? toPem(row.certificate, "CERTIFICATE") + cas : cas;
      const filename = file === "fullchain" ? `${base}-fullchain.pem` : `${base}.chain.pem`;
      return { filename, contentType: "application/x-pem-file", base64: Buffer.from(pem).toString("base64") };
    }
    assertCanOn(access, "certificate:read-private-key", row);
    if (!row.sealedPrivateKey) throw new RefusedError("Tessera did not keep this certificate's private key.");
    const pkcs8 = await openPrivateKey(tx, access.project.id, row.id, row.sealedPrivateKey);
    await recordProjectEvent(tx, access, {
      action: "pki.private-key-downloaded",
      target: { type: "certificate", id: row.id, label: row.commonName },
      metadata: { ca: row.ca.name, serialNumber: row.serialNumber },
    });
    return { filename: `${base}.key.pem`, contentType: "application/x-pem-file", base64: Buffer.from(toPem(pkcs8, "PRIVATE KEY")).toString("base64") };
  });
}
