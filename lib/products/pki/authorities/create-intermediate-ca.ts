import "server-only";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { openSigningKey } from "../keys.ts";
import { createIntermediateCaSchema, type CreateIntermediateCaInput } from "../schemas.ts";
import { caUrls } from "../urls.ts";
import { createCsr, exportPrivateKey, generateKeyPair, randomSerial, signCaCertificate, subjectName, toPem } from "../x509.ts";
import { usableIssuer } from "./issuer-chain.ts";
import { caInProject, DAY_MS } from "./queries.ts";
import { constraintsOf, insertCa } from "./insert-ca.ts";

/**
 * An intermediate CA: signed by a CA of this project (which must be active, allow another
 * level below it, and outlive it), or — without `parentId` — signed outside Tessera: its key
 * is made here and a CSR waits for the signed certificate to be imported.
 */
export async function createIntermediateCa(access: ProjectAccess, input: CreateIntermediateCaInput): Promise<{ caId: string; csrPem?: string }> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const { parentId, ...profile } = createIntermediateCaSchema.parse(input);
  access.assert("certificate-authority:create", { caName: profile.name });
  const id = uuid7();
  const keys = await generateKeyPair(profile.keyAlgorithm);
  const pkcs8 = await exportPrivateKey(keys.privateKey);
  const subject = subjectName(profile);

  if (!parentId) {
    const csr = await createCsr(subject, keys, profile.keyAlgorithm);
    await db().$transaction((tx) =>
      insertCa(tx, access, {
        id,
        profile,
        kind: "INTERMEDIATE",
        status: "PENDING",
        parentId: null,
        subject: subject.toString(),
        pkcs8,
        certificate: null,
        csr,
      }),
    );
    return { caId: id, csrPem: toPem(csr, "CERTIFICATE REQUEST") };
  }

  await db().$transaction(async (tx) => {
    const parent = await caInProject(tx, access, parentId, true);
    access.assert("certificate-authority:issue-intermediate", { caName: parent.name });
    const parentCertificate = usableIssuer(parent, "parentId");
    if (parent.maxPathLength === 0) throw ValidationError.field("parentId", `${parent.name} may not have intermediate CAs below it (its path length is 0).`);
    if (parent.maxPathLength !== null && (profile.maxPathLength === null || profile.maxPathLength > parent.maxPathLength - 1)) {
      throw ValidationError.field("maxPathLength", `Below ${parent.name}, at most ${parent.maxPathLength - 1}.`);
    }
    const notBefore = new Date(Date.now() - 60_000);
    const notAfter = new Date(notBefore.getTime() + profile.validityDays * DAY_MS);
    if (notAfter > parentCertificate.notAfter) {
      throw ValidationError.field(
        "validityDays",
        `It would outlive ${parent.name}, which expires ${parentCertificate.notAfter.toISOString().slice(0, 10)}. Choose fewer days.`,
      );
    }
    const certificate = await signCaCertificate(
      { subject, serialNumber: randomSerial(), notBefore, notAfter, maxPathLength: profile.maxPathLength, constraints: constraintsOf(profile) },
      keys.publicKey,
      { name: parentCertificate.subjectName, key: await openSigningKey(tx, parent), publicKey: parentCertificate.publicKey, urls: caUrls(parent.id) },
    );
    await insertCa(tx, access, {
      id,
      profile,
      kind: "INTERMEDIATE",
      status: "ACTIVE",
      parentId: parent.id,
      subject: subject.toString(),
      pkcs8,
      certificate,
      csr: null,
    });
  });
  return { caId: id };
}
