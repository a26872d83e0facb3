import "reflect-metadata";
import { KeyObject, randomBytes, sign, webcrypto } from "node:crypto";
import { isIP } from "node:net";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  Extension as AsnExtension,
  CertificateList,
  CRLNumber,
  CRLReason,
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  id_ce_cRLNumber,
  id_ce_cRLReasons,
  id_ce_nameConstraints,
  NameConstraints,
  RevokedCertificate,
  Time,
} from "@peculiar/asn1-x509";
import * as x509 from "@peculiar/x509";
import type { ExtendedKeyUsage, KeyAlgorithm, KeyUsage, RevocationReason } from "./vocabulary.ts";

// Everything X.509 goes through @peculiar/x509 on Node's WebCrypto; the two extensions it has
// no helper for (name constraints, CRL number) are encoded by @peculiar/asn1-x509.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export { KEY_ALGORITHMS, type KeyAlgorithm } from "./vocabulary.ts";

type AlgorithmSpec = {
  generate: EcKeyGenParams | RsaHashedKeyGenParams | Algorithm;
  import: EcKeyImportParams | RsaHashedImportParams | Algorithm;
  sign: Algorithm | EcdsaParams;
};

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);
const SPECS: Record<KeyAlgorithm, AlgorithmSpec> = {
  EC_P256: {
    generate: { name: "ECDSA", namedCurve: "P-256" },
    import: { name: "ECDSA", namedCurve: "P-256" },
    sign: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams,
  },
  EC_P384: {
    generate: { name: "ECDSA", namedCurve: "P-384" },
    import: { name: "ECDSA", namedCurve: "P-384" },
    sign: { name: "ECDSA", hash: "SHA-384" } as EcdsaParams,
  },
  RSA_2048: {
    generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
    import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
  RSA_4096: {
    generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 4096, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
    import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
  ED25519: { generate: { name: "Ed25519" }, import: { name: "Ed25519" }, sign: { name: "Ed25519" } },
};

export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(SPECS[algorithm].generate, true, ["sign", "verify"])) as CryptoKeyPair;
}

export async function exportPrivateKey(key: CryptoKey): Promise<Buffer> {
  return Buffer.from(await subtle.exportKey("pkcs8", key));
}

/** A CA's key, unsealed, ready to sign with. */
export type SigningKey = { algorithm: KeyAlgorithm; privateKey: CryptoKey };

export async function importSigningKey(algorithm: KeyAlgorithm, pkcs8: Uint8Array): Promise<SigningKey> {
  return { algorithm, privateKey: await subtle.importKey("pkcs8", Uint8Array.from(pkcs8), SPECS[algorithm].import, false, ["sign"]) };
}

/** The key algorithm of a public key (a CSR's, a certificate's), or null when we do not issue for it. */
export function keyAlgorithmOf(publicKey: x509.PublicKey): KeyAlgorithm | null {
  const algorithm = publicKey.algorithm as Algorithm & { namedCurve?: string; modulusLength?: number };
  if (algorithm.name === "ECDSA" && algorithm.namedCurve === "P-256") return "EC_P256";
  if (algorithm.name === "ECDSA" && algorithm.namedCurve === "P-384") return "EC_P384";
  if (algorithm.name === "RSASSA-PKCS1-v1_5" || algorithm.name === "RSA-PSS") {
    if (algorithm.modulusLength === 2048) return "RSA_2048";
    if (algorithm.modulusLength === 4096) return "RSA_4096";
  }
  if (algorithm.name === "Ed25519") return "ED25519";
  return null;
}

/** 16 random bytes, first bit clear: a positive serial well under RFC 5280's 20 octets, never zero. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString("hex");
}

export type SubjectFields = { commonName: string; organization?: string; organizationalUnit?: string; country?: string; state?: string; locality?: string };

/** A distinguished name from form fields, built as a JSON name: no escaping of commas to get wrong. */
export function subjectName(fields: SubjectFields): x509.Name {
  const parts: x509.JsonName = [];
  if (fields.country) parts.push({ C: [fields.country] });
  if (fields.state) parts.push({ ST: [fields.state] });
  if (fields.locality) parts.push({ L: [fields.locality] });
  if (fields.organization) parts.push({ O: [fields.organization] });
  if (fields.organizationalUnit) parts.push({ OU: [fields.organizationalUnit] });
  parts.push({ CN: [fields.commonName] });
  return new x509.Name(parts);
}

export type NameConstraintLists = { permittedDnsNames: string[]; excludedDnsNames: string[]; permittedIpRanges: string[]; excludedIpRanges: string[] };

function subtrees(dnsNames: string[], ipRanges: string[]): GeneralSubtrees | undefined {
  const items = [
    ...dnsNames.map((name) => new GeneralSubtree({ base: new GeneralName({ dNSName: name }) })),
    ...ipRanges.map((range) => new GeneralSubtree({ base: new GeneralName({ iPAddress: range }) })),
  ];
  return items.length ? new GeneralSubtrees(items) : undefined;
}

/** The critical name-constraints extension (RFC 5280 4.2.1.10), or none when both lists are empty. */
function nameConstraintsExtension(lists: NameConstraintLists): x509.Extension | null {
  const permittedSubtrees = subtrees(lists.permittedDnsNames, lists.permittedIpRanges);
  const excludedSubtrees = subtrees(lists.excludedDnsNames, lists.excludedIpRanges);
  if (!permittedSubtrees && !excludedSubtrees) return null;
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(new NameConstraints({ permittedSubtrees, excludedSubtrees })));
}

/** Where a CA publishes: its certificate (AIA caIssuers) and its CRL (distribution point). */
export type IssuerUrls = { certificateUrl: string; crlUrl: string };

type Issuer = { name: x509.Name; key: SigningKey; publicKey: x509.PublicKey | CryptoKey; urls: IssuerUrls };

// An issuer's key identifier, by its public key object: a CA's parsed certificate is kept
// (authorities/issuer-chain.ts), so each issuance under it does not hash the key again.
const authorityKeyIdentifiers = new WeakMap<x509.PublicKey | CryptoKey, Promise<x509.AuthorityKeyIdentifierExtension>>();

function authorityKeyIdentifier(publicKey: x509.PublicKey | CryptoKey): Promise<x509.AuthorityKeyIdentifierExtension> {
  let extension = authorityKeyIdentifiers.get(publicKey);
  if (!extension) {
    extension = x509.AuthorityKeyIdentifierExtension.create(publicKey);
    extension.catch(() => authorityKeyIdentifiers.delete(publicKey));
    authorityKeyIdentifiers.set(publicKey, extension);
  }
  return extension;
}

async function commonExtensions(subjectKey: x509.PublicKey | CryptoKey, issuer: Issuer | null): Promise<x509.Extension[]> {
  const extensions: x509.Extension[] = [await x509.SubjectKeyIdentifierExtension.create(subjectKey)];
  if (issuer) {
    extensions.push(
      await authorityKeyIdentifier(issuer.publicKey),
      new x509.CRLDistributionPointsExtension([issuer.urls.crlUrl]),
      new x509.AuthorityInfoAccessExtension({ caIssuers: new x509.GeneralName("url", issuer.urls.certificateUrl) }),
    );
  } else {
    // Self-signed: its own key identifies its issuer.
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(subjectKey));
  }
  return extensions;
}

export type CaProfile = {
  subject: x509.Name;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  maxPathLength: number | null;
  constraints: NameConstraintLists;
};

/**
 * A CA certificate: basicConstraints CA:TRUE (with pathLen when limited) and keyCertSign +
 * cRLSign, both critical; SKI/AKI; name constraints when any. Self-signed without `issuer`.
 */
export async function signCaCertificate(
  profile: CaProfile,
  subjectKey: CryptoKey | x509.PublicKey,
  issuer: Issuer | { self: SigningKey },
): Promise<x509.X509Certificate> {
  const signer = "self" in issuer ? null : issuer;
  const signingKey = "self" in issuer ? issuer.self : issuer.key;
  const extensions = [
    new x509.BasicConstraintsExtension(true, profile.maxPathLength ?? undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
    ...(await commonExtensions(subjectKey, signer)),
  ];
  const constraints = nameConstraintsExtension(profile.constraints);
  if (constraints) extensions.push(constraints);
  return x509.X509CertificateGenerator.create({
    serialNumber: profile.serialNumber,
    subject: profile.subject,
    issuer: signer ? signer.name : profile.subject,
    notBefore: profile.notBefore,
    notAfter: profile.notAfter,
    publicKey: subjectKey,
    signingKey: signingKey.privateKey,
    signingAlgorithm: SPECS[signingKey.algorithm].sign,
    extensions,
  });
}

export const KEY_USAGES: Record<KeyUsage, x509.KeyUsageFlags> = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
  keyAgreement: x509.KeyUsageFlags.keyAgreement,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
};

export const EXTENDED_KEY_USAGES: Record<ExtendedKeyUsage, string> = {
  serverAuth: x509.ExtendedKeyUsage.serverAuth,
  clientAuth: x509.ExtendedKeyUsage.clientAuth,
  codeSigning: x509.ExtendedKeyUsage.codeSigning,
  emailProtection: x509.ExtendedKeyUsage.emailProtection,
  timeStamping: x509.ExtendedKeyUsage.timeStamping,
  ocspSigning: x509.ExtendedKeyUsage.ocspSigning,
};

export type LeafProfile = {
  subject: x509.Name;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
  ipAddresses: string[];
  emailAddresses: string[];
  keyUsages: KeyUsage[];
  extendedKeyUsages: ExtendedKeyUsage[];
};

/** An end-entity certificate: CA:FALSE (critical), its key usages (critical), EKUs and SANs. */
export async function signLeafCertificate(profile: LeafProfile, subjectKey: CryptoKey | x509.PublicKey, issuer: Issuer): Promise<x509.X509Certificate> {
  const extensions = [new x509.BasicConstraintsExtension(false, undefined, true), ...(await commonExtensions(subjectKey, issuer))];
  const usages = profile.keyUsages.reduce((flags, usage) => flags | KEY_USAGES[usage], 0);
  if (usages) extensions.push(new x509.KeyUsagesExtension(usages, true));
  if (profile.extendedKeyUsages.length)
    extensions.push(new x509.ExtendedKeyUsageExtension(profile.extendedKeyUsages.map((usage) => EXTENDED_KEY_USAGES[usage])));
  const names: x509.JsonGeneralNames = [
    ...profile.dnsNames.map((value) => ({ type: "dns" as const, value })),
    ...profile.ipAddresses.map((value) => ({ type: "ip" as const, value })),
    ...profile.emailAddresses.map((value) => ({ type: "email" as const, value })),
  ];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  return x509.X509CertificateGenerator.create({
    serialNumber: profile.serialNumber,
    subject: profile.subject,
    issuer: issuer.name,
    notBefore: profile.notBefore,
    notAfter: profile.notAfter,
    publicKey: subjectKey,
    signingKey: issuer.key.privateKey,
    signingAlgorithm: SPECS[issuer.key.algorithm].sign,
    extensions,
  });
}

/** RFC 5280 reason codes, by the names the console and the API use. */
export const REVOCATION_REASONS: Record<RevocationReason, x509.X509CrlReason> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  cACompromise: x509.X509CrlReason.cACompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
  privilegeWithdrawn: x509.X509CrlReason.privilegeWithdrawn,
};

export type CrlProfile = {
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  /** The revoked certificates' entries (crlEntryDer), one after another in the order the CRL lists them. */
  entries: Uint8Array;
};

const NODE_HASH: Record<KeyAlgorithm, string | null> = { EC_P256: "sha256", EC_P384: "sha384", RSA_2048: "sha256", RSA_4096: "sha256", ED25519: null };

/** A serial in hex as the positive DER INTEGER's bytes (a leading zero when the high bit is set). */
function serialBytes(hex: string): ArrayBuffer {
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  return Uint8Array.from(bytes[0]! & 0x80 ? [0, ...bytes] : bytes).buffer;
}

/**
 * One revoked certificate as its CRL lists it (serial, date, reason), DER. Made once, when
 * the certificate is revoked, and kept with it: signing a CRL then only concatenates.
 */
export function crlEntryDer(entry: { serialNumber: string; revokedAt: Date; reason: RevocationReason }): Buffer {
  const revoked = new RevokedCertificate({
    userCertificate: serialBytes(entry.serialNumber),
    revocationDate: new Time(entry.revokedAt),
    crlEntryExtensions: [
      new AsnExtension({
        extnID: id_ce_cRLReasons,
        critical: false,
        extnValue: new OctetString(AsnConvert.serialize(new CRLReason(REVOCATION_REASONS[entry.reason] as number))),
      }),
    ],
  });
  return Buffer.from(AsnConvert.serialize(revoked));
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const derElement = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);

/** What follows a DER element's tag and length. */
function derContent(element: ArrayBuffer): Buffer {
  const bytes = Buffer.from(element);
  const first = bytes[1]!;
  return bytes.subarray(first < 0x80 ? 2 : 2 + (first & 0x7f));
}

/**
 * A CRL signed by the CA, with its number and the CA's key identifier; DER. The library's
 * generator makes the header, extensions and signature algorithm; the TBS is then put
 * together here with the entries' DER spliced in between the dates and the extensions (so
 * 10,000 entries cost a concatenation, not 10,000 encodings), and signed by Node: ECDSA
 * signatures come out DER-encoded, as X.509 wants them.
 */
export async function signCrl(profile: CrlProfile, issuer: { name: x509.Name; key: SigningKey; publicKey: x509.PublicKey }): Promise<Buffer> {
  const header = await x509.X509CrlGenerator.create({
    issuer: issuer.name,
    thisUpdate: profile.thisUpdate,
    nextUpdate: profile.nextUpdate,
    signingKey: issuer.key.privateKey,
    signingAlgorithm: SPECS[issuer.key.algorithm].sign,
    extensions: [
      new x509.Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(profile.number))),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey),
    ],
  });
  const crl = AsnConvert.parse(header.rawData, CertificateList);
  const withExtensions = derContent(AsnConvert.serialize(crl.tbsCertList));
  crl.tbsCertList.crlExtensions = undefined;
  const beforeExtensions = derContent(AsnConvert.serialize(crl.tbsCertList));
  const extensions = withExtensions.subarray(beforeExtensions.length);
  const entries = profile.entries.length ? derElement(0x30, Buffer.from(profile.entries)) : Buffer.alloc(0);
  const tbs = derElement(0x30, Buffer.concat([beforeExtensions, entries, extensions]));
  const signature = sign(NODE_HASH[issuer.key.algorithm], tbs, {
    key: KeyObject.from(issuer.key.privateKey as unknown as webcrypto.CryptoKey),
    dsaEncoding: "der",
  });
  const bitString = derElement(0x03, Buffer.concat([Buffer.from([0]), signature]));
  return derElement(0x30, Buffer.concat([tbs, Buffer.from(AsnConvert.serialize(crl.signatureAlgorithm)), bitString]));
}

export function certificateFromDer(der: Uint8Array): x509.X509Certificate {
  return new x509.X509Certificate(Uint8Array.from(der));
}

export function toPem(der: Uint8Array, label: "CERTIFICATE" | "PRIVATE KEY" | "CERTIFICATE REQUEST" | "X509 CRL"): string {
  const base64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

/** The PEM blocks of one label in a text, as DER; anything else in the text is ignored. */
export function pemBlocks(text: string, label: string): Buffer[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*?)-----END ${label}-----`, "g");
  return [...text.matchAll(pattern)].map((match) => Buffer.from(match[1]!.replace(/\s+/g, ""), "base64"));
}

/** A signing request, its signature checked; null when the text holds none or it does not verify. */
export async function verifiedCsr(text: string): Promise<x509.Pkcs10CertificateRequest | null> {
  const [der] = [...pemBlocks(text, "CERTIFICATE REQUEST"), ...pemBlocks(text, "NEW CERTIFICATE REQUEST")];
  if (!der) return null;
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(Uint8Array.from(der));
  } catch {
    return null;
  }
  return (await csr.verify().catch(() => false)) ? csr : null;
}

export async function createCsr(subject: x509.Name, keys: CryptoKeyPair, algorithm: KeyAlgorithm): Promise<Buffer> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm: SPECS[algorithm].sign });
  return Buffer.from(csr.rawData);
}

/** Two public keys are the same key (their SubjectPublicKeyInfo bytes are equal). */
export function sameKey(left: x509.PublicKey, right: x509.PublicKey): boolean {
  return Buffer.from(left.rawData).equals(Buffer.from(right.rawData));
}

export async function publicKeyOf(key: CryptoKey): Promise<x509.PublicKey> {
  return new x509.PublicKey(await subtle.exportKey("spki", key));
}

export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

export { x509, type ExtendedKeyUsage, type KeyUsage, type RevocationReason };
