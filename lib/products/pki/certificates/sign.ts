import "server-only";
import type { Tx } from "../../../platform/db.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { chainOf, externalChainAbove, usableIssuer, type CaRow } from "../authorities/queries.ts";
import { openSigningKey } from "../keys.ts";
import { leafNames, LeafNameError } from "../dns-names.ts";
import { constraintViolation } from "../name-constraints.ts";
import { caUrls } from "../urls.ts";
import { randomSerial, signLeafCertificate, subjectName, toPem, x509, type ExtendedKeyUsage, type KeyUsage } from "../x509.ts";
import type { Names } from "./queries.ts";

/** The names as they will be signed (lib/products/pki/dns-names.ts), refused at the field at fault. */
export function signedNames(names: Names, extendedKeyUsages: readonly ExtendedKeyUsage[]): Names {
  try {
    return leafNames(names, extendedKeyUsages.includes("serverAuth"));
  } catch (error) {
    if (error instanceof LeafNameError) throw ValidationError.field(error.field, error.message);
    throw error;
  }
}

/** What a new certificate says, checked against the issuing chain, then signed with the CA's key. */
export async function signFor(
  tx: Tx,
  ca: CaRow,
  names: Names & { keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] },
  ttlMs: number,
  subjectKey: CryptoKey | x509.PublicKey,
) {
  const issuerCertificate = usableIssuer(ca, "profileId");
  const chain = await chainOf(tx, ca);
  const violation = constraintViolation(names, chain);
  if (violation) throw ValidationError.field(violation.name === names.commonName ? "commonName" : "dnsNames", `${violation.message}: nothing was signed.`);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + ttlMs);
  if (notAfter > issuerCertificate.notAfter) {
    throw ValidationError.field(
      "ttlDays",
      `It would outlive ${ca.name}, which expires ${issuerCertificate.notAfter.toISOString().slice(0, 10)}. Choose fewer days.`,
    );
  }
  const certificate = await signLeafCertificate(
    { subject: subjectName({ commonName: names.commonName }), serialNumber: randomSerial(), notBefore, notAfter, ...names },
    subjectKey,
    { name: issuerCertificate.subjectName, key: await openSigningKey(tx, ca), publicKey: issuerCertificate.publicKey, urls: caUrls(ca.id) },
  );
  const chainPem = chain.map((one) => toPem(one.certificate!, "CERTIFICATE")).join("") + (await externalChainAbove(tx, chain));
  return { certificate, chainPem };
}

/** A certificate just signed, returned this once; `commonName` as signed, to name its files. */
export type IssuedCertificate = { certificateId: string; commonName: string; certificatePem: string; chainPem: string; privateKeyPem: string | null };

/** A signed certificate's row: what it says, where it came from, and who asked (null for an ACME client). */
export async function storeCertificate(
  tx: Pick<Tx, "certificate">,
  row: {
    id: string;
    projectId: string;
    caId: string;
    profileId: string;
    plan: Names & { keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] };
    keyAlgorithm: string;
    certificate: x509.X509Certificate;
    sealedPrivateKey?: Uint8Array<ArrayBuffer> | null;
    renewedFromId?: string;
    issuedById?: string | null;
  },
): Promise<void> {
  const { plan, certificate, ...rest } = row;
  await tx.certificate.create({
    data: {
      ...rest,
      serialNumber: certificate.serialNumber.toLowerCase(),
      commonName: plan.commonName,
      dnsNames: plan.dnsNames,
      ipAddresses: plan.ipAddresses,
      emailAddresses: plan.emailAddresses,
      keyUsages: plan.keyUsages,
      extendedKeyUsages: plan.extendedKeyUsages,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      certificate: Uint8Array.from(Buffer.from(certificate.rawData)),
    },
  });
}
