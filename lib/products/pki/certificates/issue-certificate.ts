import "server-only";
import { assertPlanIncludes, assertWithinPlan, planCounts } from "../../../platform/billing/limits.ts";
import { withAuditEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { directQuery, directRunner, pgTransaction } from "../../../platform/db.ts";
import { ForbiddenError, ValidationError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { profileWithIssuer } from "../authorities/issuer-chain.ts";
import { DAY_MS } from "../authorities/queries.ts";
import { sealPrivateKeyWith } from "../keys.ts";
import { issueCertificateSchema, type IssueCertificateInput } from "../schemas.ts";
import { exportPrivateKey, generateKeyPair, keyAlgorithmOf, toPem, verifiedCsr, x509, type KeyAlgorithm } from "../x509.ts";
import { allNames, type Names } from "./queries.ts";
import { issuePlan } from "./issue-plan.ts";
import { certificateInsert, signFor, type IssuedCertificate } from "./sign.ts";

/**
 * Issues a certificate through a profile of the project, from its CA: with a key made here
 * (returned this once; kept sealed only when asked) or for a CSR (its signature checked; its
 * names used where the form gives none). Everything asked is checked against the profile, every
 * name against the roles' conditions and the chain's name constraints, before anything is signed.
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

  const certificateId = uuid7();
  // The profile and its CA's chain in one statement, before the transaction: read inside it
  // they were no more locked than here (a profile or CA changed meanwhile commits either way).
  const { profile, issuer } = await profileWithIssuer(directRunner, access.project.id, fields.profileId);
  const [ca] = issuer.chain;
  const plan = issuePlan(profile, {
    names,
    keyAlgorithm,
    keyUsages: fields.keyUsages,
    extendedKeyUsages: fields.extendedKeyUsages,
    validityDays: fields.ttlDays,
    keyFrom: fields.csr ? "csr" : "generated",
  });
  // No issuing at all is forbidden; issuing, but not these names through this profile, names the first refused.
  if (!access.can("certificate:issue")) throw new ForbiddenError("certificate:issue");
  const source = { caName: ca.name, profileName: profile.name };
  const refused = allNames(plan.names).find((name) => !access.can("certificate:issue", { ...source, name }));
  if (refused !== undefined) {
    throw ValidationError.field("dnsNames", `Your roles do not let you issue a certificate for ${refused} through ${profile.name} (CA ${ca.name}).`);
  }
  const signedPlan = { ...plan.names, keyUsages: plan.keyUsages, extendedKeyUsages: plan.extendedKeyUsages };
  const { certificate, chainPem } = await signFor(issuer, signedPlan, fields.ttlDays * DAY_MS, subjectKey);
  const keptKey = pkcs8 && fields.keepPrivateKey ? sealPrivateKeyWith(issuer.sealedDataKey, access.project.id, certificateId, pkcs8) : null;
  const stored = withAuditEvent(
    certificateInsert({
      id: certificateId,
      projectId: access.project.id,
      caId: ca.id,
      profileId: profile.id,
      plan: signedPlan,
      keyAlgorithm,
      certificate,
      sealedPrivateKey: keptKey,
      issuedById: access.orgAccess.actor.userId,
    }),
    {
      orgId: access.orgAccess.org.id,
      projectId: access.project.id,
      actorId: access.orgAccess.actor.userId,
      action: "pki.certificate-issued",
      target: { type: "certificate", id: certificateId, label: plan.names.commonName },
      metadata: {
        ca: ca.name,
        profile: profile.name,
        serialNumber: certificate.serialNumber.toLowerCase(),
        names: allNames(plan.names),
        fromCsr: Boolean(fields.csr),
        keyKept: Boolean(keptKey),
      },
    },
  );
  // The row and its event are one statement. A plan that counts certificates checks its limit
  // first, under the org's lock, in the same transaction.
  if (planCounts(access.orgAccess.org, "certificatesPerMonth")) {
    await pgTransaction(async (tx) => {
      await assertWithinPlan(tx, access.orgAccess.org.id, "certificatesPerMonth");
      await tx.$executeRaw(stored);
    });
  } else await directQuery(stored);
  return {
    certificateId,
    commonName: plan.names.commonName,
    certificatePem: toPem(Buffer.from(certificate.rawData), "CERTIFICATE"),
    chainPem,
    privateKeyPem: pkcs8 ? toPem(pkcs8, "PRIVATE KEY") : null,
  };
}
