import "server-only";
import { assertPlanIncludes } from "../../../platform/billing/limits.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { createRootCaSchema, type CreateRootCaInput } from "../schemas.ts";
import { exportPrivateKey, generateKeyPair, randomSerial, signCaCertificate, subjectName } from "../x509.ts";
import { DAY_MS } from "./queries.ts";
import { constraintsOf, insertCa } from "./insert-ca.ts";

/** A self-signed root CA. Its key is made here and sealed; it never leaves the server. */
export async function createRootCa(access: ProjectAccess, input: CreateRootCaInput): Promise<{ caId: string }> {
  requireProjectType(access, "PKI");
  assertPlanIncludes(access.orgAccess.org, "pki");
  const profile = createRootCaSchema.parse(input);
  access.assert("certificate-authority:create", { caName: profile.name });
  const id = uuid7();
  const keys = await generateKeyPair(profile.keyAlgorithm);
  const pkcs8 = await exportPrivateKey(keys.privateKey);
  const subject = subjectName(profile);
  const notBefore = new Date(Date.now() - 60_000);
  const certificate = await signCaCertificate(
    {
      subject,
      serialNumber: randomSerial(),
      notBefore,
      notAfter: new Date(notBefore.getTime() + profile.validityDays * DAY_MS),
      maxPathLength: profile.maxPathLength,
      constraints: constraintsOf(profile),
    },
    keys.publicKey,
    { self: { algorithm: profile.keyAlgorithm, privateKey: keys.privateKey } },
  );
  await db().$transaction((tx) =>
    insertCa(tx, access, { id, profile, kind: "ROOT", status: "ACTIVE", parentId: null, subject: subject.toString(), pkcs8, certificate, csr: null }),
  );
  return { caId: id };
}
