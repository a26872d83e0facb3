import "server-only";
import type { RawTx } from "../../../platform/db.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { chainPemOf, usableIssuer, type IssuerChain } from "../authorities/issuer-chain.ts";
import { openSigningKeyWith } from "../keys.ts";
import { leafNames, LeafNameError } from "../dns-names.ts";
import { constraintViolation } from "../name-constraints.ts";
import { caUrls } from "../urls.ts";
import { randomSerial, signLeafCertificate, subjectName, x509, type ExtendedKeyUsage, type KeyUsage } from "../x509.ts";
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
  issuer: IssuerChain,
  names: Names & { keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] },
  ttlMs: number,
  subjectKey: CryptoKey | x509.PublicKey,
) {
  const { chain } = issuer;
  const [ca] = chain;
  const issuerCertificate = usableIssuer(ca, "profileId");
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
    {
      name: issuerCertificate.subjectName,
      key: await openSigningKeyWith(issuer.sealedDataKey, ca),
      publicKey: issuerCertificate.publicKey,
      urls: caUrls(ca.id),
    },
  );
  const chainPem = chainPemOf(issuer);
  return { certificate, chainPem };
}

/** A certificate just signed, returned this once; `commonName` as signed, to name its files. */
export type IssuedCertificate = { certificateId: string; commonName: string; certificatePem: string; chainPem: string; privateKeyPem: string | null };

type CertificateRow = {
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
};

/** A signed certificate's row: what it says, where it came from, and who asked (null for an ACME client). */
export function certificateInsert(row: CertificateRow): Prisma.Sql {
  const { plan, certificate } = row;
  return Prisma.sql`
    INSERT INTO certificates (id, project_id, ca_id, profile_id, serial_number, common_name, dns_names, ip_addresses, email_addresses,
                              key_usages, extended_key_usages, key_algorithm, not_before, not_after, certificate, sealed_private_key,
                              renewed_from_id, issued_by_id)
    VALUES (${row.id}::uuid, ${row.projectId}::uuid, ${row.caId}::uuid, ${row.profileId}::uuid, ${certificate.serialNumber.toLowerCase()},
            ${plan.commonName}, ${plan.dnsNames}::text[], ${plan.ipAddresses}::text[], ${plan.emailAddresses}::text[],
            ${plan.keyUsages}::text[], ${plan.extendedKeyUsages}::text[], ${row.keyAlgorithm}, ${certificate.notBefore}, ${certificate.notAfter},
            ${Uint8Array.from(Buffer.from(certificate.rawData))}, ${row.sealedPrivateKey ?? null}, ${row.renewedFromId ?? null}::uuid, ${row.issuedById ?? null}::uuid)
    RETURNING id`;
}

/** Stores a signed certificate's row inside the caller's transaction. */
export async function storeCertificate(tx: Pick<RawTx, "$executeRaw">, row: CertificateRow): Promise<void> {
  await tx.$executeRaw(certificateInsert(row));
}
