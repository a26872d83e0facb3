import "server-only";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { AsnConvert } from "@peculiar/asn1-schema";
import { id_ce_nameConstraints, NameConstraints, type GeneralSubtrees } from "@peculiar/asn1-x509";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, prismaRunner } from "../../../platform/db.ts";
import { RefusedError, ValidationError } from "../../../platform/errors.ts";
import { resignCrl } from "../crl.ts";
import { importCaCertificateSchema, type ImportCaCertificateInput } from "../schemas.ts";
import { certificateFromDer, pemBlocks, sameKey, toPem, x509, type NameConstraintLists } from "../x509.ts";
import { caInProject } from "./queries.ts";

function listsOf(subtrees: GeneralSubtrees | undefined): { dns: string[]; ip: string[] } {
  const items = subtrees ? [...subtrees] : [];
  return {
    dns: items.flatMap((item) => (item.base.dNSName ? [item.base.dNSName] : [])),
    ip: items.flatMap((item) => (item.base.iPAddress ? [item.base.iPAddress] : [])),
  };
}

/** The name constraints a certificate carries, as the lists Tessera checks names against. */
function constraintsIn(certificate: x509.X509Certificate): NameConstraintLists {
  const extension = certificate.getExtension(id_ce_nameConstraints);
  if (!extension) return { permittedDnsNames: [], excludedDnsNames: [], permittedIpRanges: [], excludedIpRanges: [] };
  const parsed = AsnConvert.parse(extension.value, NameConstraints);
  const permitted = listsOf(parsed.permittedSubtrees);
  const excluded = listsOf(parsed.excludedSubtrees);
  return { permittedDnsNames: permitted.dns, excludedDnsNames: excluded.dns, permittedIpRanges: permitted.ip, excludedIpRanges: excluded.ip };
}

/**
 * The signed certificate of an intermediate made for signing outside: it must be a CA
 * certificate for the key made here, and verify up its chain (issuer first) to a
 * self-signed root. Its constraints are read from it: they are what verifiers will apply.
 */
export async function importCaCertificate(access: ProjectAccess, input: ImportCaCertificateInput): Promise<void> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const { caId, certificate: certificateText, chain: chainText } = importCaCertificateSchema.parse(input);
  const [der] = pemBlocks(certificateText, "CERTIFICATE");
  let certificate: x509.X509Certificate;
  try {
    certificate = certificateFromDer(der ?? Buffer.alloc(0));
  } catch {
    throw ValidationError.field("certificate", "This is not a PEM certificate (-----BEGIN CERTIFICATE-----).");
  }
  const chain = pemBlocks(chainText, "CERTIFICATE").map((block) => certificateFromDer(block));
  if (chain.length === 0) throw ValidationError.field("chain", "Paste the certificates above it, issuer first, up to the root.");
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  if (!basic?.ca) throw ValidationError.field("certificate", "This certificate is not a CA certificate (basicConstraints CA:TRUE).");
  for (const [index, child] of [certificate, ...chain].entries()) {
    const issuer = chain[index] ?? child;
    const verified = await child.verify({ publicKey: issuer.publicKey, signatureOnly: true }).catch(() => false);
    if (!verified || child.issuer !== issuer.subject) {
      throw ValidationError.field(
        index === 0 ? "certificate" : "chain",
        `${child.subject} is not signed by ${issuer.subject}: check the order (issuer first, up to the root).`,
      );
    }
    if (index === chain.length) break;
  }
  const root = chain.at(-1)!;
  if (root.issuer !== root.subject) throw ValidationError.field("chain", "The chain must end with a self-signed root.");

  await db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId, true);
    access.assert("certificate-authority:edit", { caName: ca.name });
    if (ca.status !== "PENDING") throw new RefusedError(`${ca.name} already has its certificate.`);
    const pending = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: ca.id }, select: { csr: true } });
    const requested = new x509.Pkcs10CertificateRequest(Uint8Array.from(pending.csr!));
    if (!sameKey(requested.publicKey, certificate.publicKey)) {
      throw ValidationError.field("certificate", `This certificate is for another key than the one ${ca.name} made: sign the CSR exported from this page.`);
    }
    await tx.certificateAuthority.update({
      where: { id: ca.id },
      data: {
        status: "ACTIVE",
        certificate: Uint8Array.from(Buffer.from(certificate.rawData)),
        externalChain: chain.map((one) => toPem(Buffer.from(one.rawData), "CERTIFICATE")).join(""),
        serialNumber: certificate.serialNumber.toLowerCase(),
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        maxPathLength: basic.pathLength ?? null,
        ...constraintsIn(certificate),
      },
    });
    await resignCrl(prismaRunner(tx), tx, ca.id);
    await recordProjectEvent(tx, access, {
      action: "pki.ca-imported",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
      metadata: { issuer: certificate.issuer, root: root.subject, notAfter: certificate.notAfter.toISOString() },
    });
  });
}
