import "server-only";
import { assertPlanIncludes, assertWithinPlan } from "../../../platform/billing/limits.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, prismaRunner } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { profileWithIssuer } from "../authorities/issuer-chain.ts";
import { DAY_MS } from "../authorities/queries.ts";
import { openPrivateKey, sealPrivateKey } from "../keys.ts";
import { renewCertificateSchema, type RenewCertificateInput } from "../schemas.ts";
import { keyUsagesFor } from "../vocabulary.ts";
import { certificateFromDer, exportPrivateKey, generateKeyPair, toPem, type ExtendedKeyUsage, type KeyAlgorithm, type KeyUsage } from "../x509.ts";
import { assertCanOn, certificateInProject } from "./queries.ts";
import { issuePlan } from "./issue-plan.ts";
import { signFor, storeCertificate, type IssuedCertificate } from "./sign.ts";

/**
 * A new certificate for the same names and lifetime from the same CA, with a new serial; the
 * same key (the old certificate's public key) unless `newKey`, which is returned once.
 */
export async function renewCertificate(access: ProjectAccess, input: RenewCertificateInput): Promise<IssuedCertificate> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const { certificateId, newKey } = renewCertificateSchema.parse(input);
  const renewedId = uuid7();
  return db().$transaction(async (tx) => {
    const old = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:renew", old);
    await assertWithinPlan(tx, access.orgAccess.org.id, "certificatesPerMonth");
    if (old.revokedAt) throw new RefusedError("A revoked certificate is not renewed: issue a new one.");
    // The profile as it stands now, and the CA it names now: a profile narrowed since refuses the renewal.
    const { profile, issuer } = await profileWithIssuer(prismaRunner(tx), access.project.id, old.profile.id);
    const [ca] = issuer.chain;
    const keyAlgorithm = old.keyAlgorithm as KeyAlgorithm;
    const keys = newKey ? await generateKeyPair(keyAlgorithm) : null;
    const subjectKey = keys?.publicKey ?? certificateFromDer(old.certificate).publicKey;
    const ttl = old.notAfter.getTime() - old.notBefore.getTime();
    // Signed as a new certificate would be: names in today's form, usages the key can serve.
    const plan = issuePlan(profile, {
      names: { commonName: old.commonName, dnsNames: old.dnsNames, ipAddresses: old.ipAddresses, emailAddresses: old.emailAddresses },
      keyAlgorithm,
      keyUsages: (old.keyUsages as KeyUsage[]).filter((usage) => keyUsagesFor(keyAlgorithm).includes(usage)),
      extendedKeyUsages: old.extendedKeyUsages as ExtendedKeyUsage[],
      validityDays: Math.round(ttl / DAY_MS),
      keyFrom: "generated",
    });
    const names = plan.names;
    const usages = plan.keyUsages;
    const { certificate, chainPem } = await signFor(issuer, { ...names, keyUsages: usages, extendedKeyUsages: plan.extendedKeyUsages }, ttl, subjectKey);
    const pkcs8 = keys ? await exportPrivateKey(keys.privateKey) : null;
    // A kept key stays kept: the renewal holds the new key, or the same one re-sealed for its row.
    const keptKey = old.sealedPrivateKey ? (pkcs8 ?? (await openPrivateKey(tx, access.project.id, old.id, old.sealedPrivateKey))) : null;
    await storeCertificate(tx, {
      id: renewedId,
      projectId: access.project.id,
      caId: ca.id,
      profileId: profile.id,
      plan: { ...names, keyUsages: usages, extendedKeyUsages: plan.extendedKeyUsages },
      keyAlgorithm: old.keyAlgorithm,
      certificate,
      sealedPrivateKey: keptKey ? await sealPrivateKey(tx, access.project.id, renewedId, keptKey) : null,
      renewedFromId: old.id,
      issuedById: access.orgAccess.actor.userId,
    });
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-renewed",
      target: { type: "certificate", id: renewedId, label: old.commonName },
      metadata: { ca: ca.name, profile: profile.name, renewedFrom: old.id, serialNumber: certificate.serialNumber.toLowerCase(), newKey },
    });
    return {
      certificateId: renewedId,
      commonName: names.commonName,
      certificatePem: toPem(Buffer.from(certificate.rawData), "CERTIFICATE"),
      chainPem,
      privateKeyPem: pkcs8 ? toPem(pkcs8, "PRIVATE KEY") : null,
    };
  });
}
