import "server-only";
import { assertPlanIncludes, assertWithinPlan } from "../../../platform/billing/limits.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ForbiddenError, ValidationError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { caInProject } from "../authorities/queries.ts";
import { sealPrivateKey } from "../keys.ts";
import { issueCertificateSchema, type IssueCertificateInput } from "../schemas.ts";
import { defaultKeyUsages, KEY_ALGORITHM_LABELS, KEY_USAGE_LABELS, keyUsagesFor } from "../vocabulary.ts";
import { exportPrivateKey, generateKeyPair, keyAlgorithmOf, toPem, verifiedCsr, x509, type KeyAlgorithm } from "../x509.ts";
import { allNames, type Names } from "./queries.ts";
import { signedNames, signFor, type IssuedCertificate } from "./sign.ts";

const DAY_MS = 86_400_000;

/**
 * Issues a certificate from a CA of the project: with a key made here (returned this once;
 * kept sealed only when asked) or for a CSR (its signature checked; its names used where the
 * form gives none). Every name is checked against the role's conditions and the chain's name
 * constraints before anything is signed.
 */
export async function issueCertificate(access: ProjectAccess, input: IssueCertificateInput): Promise<IssuedCertificate> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const fields = issueCertificateSchema.parse(input);
  let subjectKey: CryptoKey | x509.PublicKey;
  let keyAlgorithm: KeyAlgorithm;
  let pkcs8: Buffer | null = null;
  const names: Names = { commonName: fields.commonName, dnsNames: fields.dnsNames, ipAddresses: fields.ipAddresses, emailAddresses: fields.emailAddresses };
  if (fields.csr) {
    const csr = await verifiedCsr(fields.csr);
    if (!csr) throw ValidationError.field("csr", "This is not a certificate signing request with a valid signature (-----BEGIN CERTIFICATE REQUEST-----).");
    const algorithm = keyAlgorithmOf(csr.publicKey);
    if (!algorithm) throw ValidationError.field("csr", "The CSR's key is not one Tessera issues for: EC P-256 or P-384, RSA 2048 or 4096, Ed25519.");
    subjectKey = csr.publicKey;
    keyAlgorithm = algorithm;
    if (!names.commonName) names.commonName = csr.subjectName.getField("CN")[0] ?? "";
    if (!names.commonName) throw ValidationError.field("commonName", "The CSR has no common name: enter one.");
    if (!names.dnsNames.length && !names.ipAddresses.length && !names.emailAddresses.length) {
      const san = csr.extensions.find((extension) => extension instanceof x509.SubjectAlternativeNameExtension);
      const requested = san ? san.names.toJSON() : [];
      names.dnsNames = requested.filter((name) => name.type === "dns").map((name) => name.value);
      names.ipAddresses = requested.filter((name) => name.type === "ip").map((name) => name.value);
      names.emailAddresses = requested.filter((name) => name.type === "email").map((name) => name.value);
    }
  } else {
    keyAlgorithm = fields.keyAlgorithm;
    const keys = await generateKeyPair(keyAlgorithm);
    subjectKey = keys.publicKey;
    pkcs8 = await exportPrivateKey(keys.privateKey);
  }

  const usages = fields.keyUsages ?? defaultKeyUsages(keyAlgorithm);
  const unfit = usages.find((usage) => !keyUsagesFor(keyAlgorithm).includes(usage));
  if (unfit)
    throw ValidationError.field(
      "keyUsages",
      `${KEY_ALGORITHM_LABELS[keyAlgorithm]} keys cannot be used for ${KEY_USAGE_LABELS[unfit].toLowerCase()}: untick it.`,
    );
  Object.assign(names, signedNames(names, fields.extendedKeyUsages));

  const certificateId = uuid7();
  const issued = await db().$transaction(async (tx) => {
    await assertWithinPlan(tx, access.orgAccess.org.id, "certificatesPerMonth");
    const ca = await caInProject(tx, access, fields.caId);
    // No issuing at all is forbidden; issuing, but not these names from this CA, names the first refused.
    if (!access.can("certificate:issue")) throw new ForbiddenError("certificate:issue");
    const refused = allNames(names).find((name) => !access.can("certificate:issue", { caName: ca.name, name }));
    if (refused !== undefined) throw ValidationError.field("dnsNames", `Your roles do not let you issue a certificate for ${refused} from ${ca.name}.`);
    const { certificate, chainPem } = await signFor(
      tx,
      ca,
      { ...names, keyUsages: usages, extendedKeyUsages: fields.extendedKeyUsages },
      fields.ttlDays * DAY_MS,
      subjectKey,
    );
    await tx.certificate.create({
      data: {
        id: certificateId,
        projectId: access.project.id,
        caId: ca.id,
        serialNumber: certificate.serialNumber.toLowerCase(),
        ...names,
        keyUsages: usages,
        extendedKeyUsages: fields.extendedKeyUsages,
        keyAlgorithm,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        certificate: Uint8Array.from(Buffer.from(certificate.rawData)),
        sealedPrivateKey: pkcs8 && fields.keepPrivateKey ? await sealPrivateKey(tx, access.project.id, certificateId, pkcs8) : null,
        issuedById: access.orgAccess.actor.userId,
      },
    });
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-issued",
      target: { type: "certificate", id: certificateId, label: names.commonName },
      metadata: {
        ca: ca.name,
        serialNumber: certificate.serialNumber.toLowerCase(),
        names: allNames(names),
        fromCsr: Boolean(fields.csr),
        keyKept: Boolean(pkcs8 && fields.keepPrivateKey),
      },
    });
    return { certificatePem: toPem(Buffer.from(certificate.rawData), "CERTIFICATE"), chainPem };
  });
  return { certificateId, commonName: names.commonName, ...issued, privateKeyPem: pkcs8 ? toPem(pkcs8, "PRIVATE KEY") : null };
}
