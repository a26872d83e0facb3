import "server-only";
import { assertPlanIncludes, assertWithinPlan } from "../../platform/billing/limits.ts";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { uuid7 } from "../../platform/uuid7.ts";
import { caInProject, chainOf, externalChainAbove, usableIssuer, type CaRow } from "./authorities/queries.ts";
import { resignCrl } from "./crl.ts";
import { openPrivateKey, openSigningKey, sealPrivateKey } from "./keys.ts";
import { leafNames, LeafNameError, type LeafNames } from "./dns-names.ts";
import { constraintViolation } from "./name-constraints.ts";
import {
  certificateFileSchema,
  certificateListQuerySchema,
  CERTIFICATES_PAGE_SIZE,
  certificateRefSchema,
  issueCertificateSchema,
  renewCertificateSchema,
  revokeCertificateSchema,
  type CertificateFileInput,
  type CertificateRefInput,
  type IssueCertificateInput,
  type RenewCertificateInput,
  type RevokeCertificateInput,
} from "./schemas.ts";
import { caUrls } from "./urls.ts";
import { defaultKeyUsages, KEY_ALGORITHM_LABELS, KEY_USAGE_LABELS, keyUsagesFor } from "./vocabulary.ts";
import {
  certificateFromDer,
  exportPrivateKey,
  generateKeyPair,
  keyAlgorithmOf,
  randomSerial,
  signLeafCertificate,
  subjectName,
  toPem,
  verifiedCsr,
  x509,
  type ExtendedKeyUsage,
  type KeyAlgorithm,
  type KeyUsage,
} from "./x509.ts";

const DAY_MS = 86_400_000;

type CertificatePermission = "certificate:read" | "certificate:issue" | "certificate:renew" | "certificate:revoke" | "certificate:read-private-key";

/**
 * A certificate permission holds for a CA only if it holds for every name the certificate
 * carries: a role limited to `*.svc.internal` cannot slip `db.prod.internal` in as a SAN.
 */
function canForNames(access: ProjectAccess, permission: CertificatePermission, caName: string, names: string[]): boolean {
  return names.every((name) => access.can(permission, { caName, name }));
}

type Names = LeafNames;
const allNames = (names: Names) => [names.commonName, ...names.dnsNames, ...names.ipAddresses, ...names.emailAddresses];

/** The names as they will be signed (lib/products/pki/dns-names.ts), refused at the field at fault. */
function signedNames(names: Names, extendedKeyUsages: readonly ExtendedKeyUsage[]): Names {
  try {
    return leafNames(names, extendedKeyUsages.includes("serverAuth"));
  } catch (error) {
    if (error instanceof LeafNameError) throw ValidationError.field(error.field, error.message);
    throw error;
  }
}

/** What a new certificate says, checked against the issuing chain, then signed with the CA's key. */
async function signFor(tx: Tx, ca: CaRow, names: Names & { keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] }, ttlMs: number, subjectKey: CryptoKey | x509.PublicKey) {
  const issuerCertificate = usableIssuer(ca, "caId");
  const chain = await chainOf(tx, ca);
  const violation = constraintViolation(names, chain);
  if (violation) throw ValidationError.field(violation.name === names.commonName ? "commonName" : "dnsNames", `${violation.message}: nothing was signed.`);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + ttlMs);
  if (notAfter > issuerCertificate.notAfter) {
    throw ValidationError.field("ttlDays", `It would outlive ${ca.name}, which expires ${issuerCertificate.notAfter.toISOString().slice(0, 10)}. Choose fewer days.`);
  }
  const certificate = await signLeafCertificate(
    { subject: subjectName({ commonName: names.commonName }), serialNumber: randomSerial(), notBefore, notAfter, ...names },
    subjectKey,
    { name: issuerCertificate.subjectName, key: await openSigningKey(tx, ca), publicKey: issuerCertificate.publicKey, urls: caUrls(ca.id) },
  );
  const chainPem = chain.map((one) => toPem(one.certificate!, "CERTIFICATE")).join("") + (await externalChainAbove(tx, chain));
  return { certificate, chainPem };
}

export type IssuedCertificate = { certificateId: string; certificatePem: string; chainPem: string; privateKeyPem: string | null };

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
  if (unfit) throw ValidationError.field("keyUsages", `${KEY_ALGORITHM_LABELS[keyAlgorithm]} keys cannot be used for ${KEY_USAGE_LABELS[unfit].toLowerCase()}: untick it.`);
  Object.assign(names, signedNames(names, fields.extendedKeyUsages));

  const certificateId = uuid7();
  const issued = await db().$transaction(async (tx) => {
    await assertWithinPlan(tx, access.orgAccess.org.id, "certificatesPerMonth");
    const ca = await caInProject(tx, access, fields.caId);
    // No issuing at all is forbidden; issuing, but not these names from this CA, names the first refused.
    if (!access.can("certificate:issue")) throw new ForbiddenError("certificate:issue");
    const refused = allNames(names).find((name) => !access.can("certificate:issue", { caName: ca.name, name }));
    if (refused !== undefined) throw ValidationError.field("dnsNames", `Your roles do not let you issue a certificate for ${refused} from ${ca.name}.`);
    const { certificate, chainPem } = await signFor(tx, ca, { ...names, keyUsages: usages, extendedKeyUsages: fields.extendedKeyUsages }, fields.ttlDays * DAY_MS, subjectKey);
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
      metadata: { ca: ca.name, serialNumber: certificate.serialNumber.toLowerCase(), names: allNames(names), fromCsr: Boolean(fields.csr), keyKept: Boolean(pkcs8 && fields.keepPrivateKey) },
    });
    return { certificatePem: toPem(Buffer.from(certificate.rawData), "CERTIFICATE"), chainPem };
  });
  return { certificateId, ...issued, privateKeyPem: pkcs8 ? toPem(pkcs8, "PRIVATE KEY") : null };
}

const CERTIFICATE_COLUMNS = {
  id: true,
  caId: true,
  serialNumber: true,
  commonName: true,
  dnsNames: true,
  ipAddresses: true,
  emailAddresses: true,
  keyUsages: true,
  extendedKeyUsages: true,
  keyAlgorithm: true,
  notBefore: true,
  notAfter: true,
  revokedAt: true,
  revocationReason: true,
  renewedFromId: true,
  createdAt: true,
  ca: { select: { name: true } },
} as const;

async function certificateInProject(tx: Tx, access: ProjectAccess, certificateId: string) {
  const row = await tx.certificate.findFirst({ where: { id: certificateId, projectId: access.project.id }, select: { ...CERTIFICATE_COLUMNS, certificate: true, sealedPrivateKey: true } });
  if (!row) throw new NotFoundError();
  return row;
}

function assertCanOn(access: ProjectAccess, permission: CertificatePermission, row: Names & { ca: { name: string } }): void {
  if (!canForNames(access, permission, row.ca.name, allNames(row))) throw new ForbiddenError(permission);
}

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
    const ca = await caInProject(tx, access, old.caId);
    const keys = newKey ? await generateKeyPair(old.keyAlgorithm as KeyAlgorithm) : null;
    const subjectKey = keys?.publicKey ?? certificateFromDer(old.certificate).publicKey;
    const ttl = old.notAfter.getTime() - old.notBefore.getTime();
    // Signed as a new certificate would be: names in today's form, usages the key can serve.
    const names = signedNames({ commonName: old.commonName, dnsNames: old.dnsNames, ipAddresses: old.ipAddresses, emailAddresses: old.emailAddresses }, old.extendedKeyUsages as ExtendedKeyUsage[]);
    const usages = (old.keyUsages as KeyUsage[]).filter((usage) => keyUsagesFor(old.keyAlgorithm as KeyAlgorithm).includes(usage));
    const { certificate, chainPem } = await signFor(tx, ca, { ...names, keyUsages: usages, extendedKeyUsages: old.extendedKeyUsages as ExtendedKeyUsage[] }, ttl, subjectKey);
    const pkcs8 = keys ? await exportPrivateKey(keys.privateKey) : null;
    // A kept key stays kept: the renewal holds the new key, or the same one re-sealed for its row.
    const keptKey = old.sealedPrivateKey ? (pkcs8 ?? (await openPrivateKey(tx, access.project.id, old.id, old.sealedPrivateKey))) : null;
    await tx.certificate.create({
      data: {
        id: renewedId,
        projectId: access.project.id,
        caId: ca.id,
        serialNumber: certificate.serialNumber.toLowerCase(),
        ...names,
        keyUsages: usages,
        extendedKeyUsages: old.extendedKeyUsages,
        keyAlgorithm: old.keyAlgorithm,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        certificate: Uint8Array.from(Buffer.from(certificate.rawData)),
        sealedPrivateKey: keptKey ? await sealPrivateKey(tx, access.project.id, renewedId, keptKey) : null,
        renewedFromId: old.id,
        issuedById: access.orgAccess.actor.userId,
      },
    });
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-renewed",
      target: { type: "certificate", id: renewedId, label: old.commonName },
      metadata: { ca: ca.name, renewedFrom: old.id, serialNumber: certificate.serialNumber.toLowerCase(), newKey },
    });
    return { certificateId: renewedId, certificatePem: toPem(Buffer.from(certificate.rawData), "CERTIFICATE"), chainPem, privateKeyPem: pkcs8 ? toPem(pkcs8, "PRIVATE KEY") : null };
  });
}

/** Revokes with an RFC 5280 reason and signs the CA's CRL again in the same transaction. */
export async function revokeCertificate(access: ProjectAccess, input: RevokeCertificateInput): Promise<{ crlNumber: number }> {
  requireProjectType(access, "PKI");
  const { certificateId, reason } = revokeCertificateSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:revoke", row);
    const { count } = await tx.certificate.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date(), revocationReason: reason } });
    if (count === 0) throw new RefusedError("This certificate is already revoked.");
    const signed = await resignCrl(tx, row.caId);
    await recordProjectEvent(tx, access, {
      action: "pki.certificate-revoked",
      target: { type: "certificate", id: row.id, label: row.commonName },
      metadata: { ca: row.ca.name, serialNumber: row.serialNumber, reason, crlNumber: signed?.number ?? null },
      summary: `Reason: ${reason}`,
    });
    return { crlNumber: signed?.number ?? 0 };
  });
}

export type CertificateStatus = "active" | "expired" | "revoked";

export function statusOf(row: { revokedAt: Date | null; notAfter: Date }, now = new Date()): CertificateStatus {
  if (row.revokedAt) return "revoked";
  return row.notAfter <= now ? "expired" : "active";
}

export type CertificateRow = Names & {
  id: string;
  caId: string;
  caName: string;
  serialNumber: string;
  keyAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  status: CertificateStatus;
  revocationReason: string | null;
  createdAt: Date;
};

function rowOf(row: Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_COLUMNS }>): CertificateRow {
  return {
    id: row.id,
    caId: row.caId,
    caName: row.ca.name,
    serialNumber: row.serialNumber,
    commonName: row.commonName,
    dnsNames: row.dnsNames,
    ipAddresses: row.ipAddresses,
    emailAddresses: row.emailAddresses,
    keyAlgorithm: row.keyAlgorithm,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    status: statusOf(row),
    revocationReason: row.revocationReason,
    createdAt: row.createdAt,
  };
}

/**
 * The project's certificates, newest first, a page at a time: searched by common name, SAN
 * or serial, filtered by status and CA. Rows the actor's conditions do not cover are left out.
 */
export async function listCertificates(access: ProjectAccess, rawQuery: unknown) {
  requireProjectType(access, "PKI");
  if (!access.can("certificate:read")) throw new ForbiddenError("certificate:read");
  const query = certificateListQuerySchema.parse(rawQuery ?? {});
  const now = new Date();
  const term = query.q.toLowerCase();
  const where: Prisma.CertificateWhereInput = {
    projectId: access.project.id,
    ...(query.ca ? { caId: query.ca } : {}),
    ...(query.status === "revoked" ? { revokedAt: { not: null } } : {}),
    ...(query.status === "active" ? { revokedAt: null, notAfter: { gt: now } } : {}),
    ...(query.status === "expired" ? { revokedAt: null, notAfter: { lte: now } } : {}),
    ...(term
      ? {
          OR: [
            { commonName: { contains: query.q, mode: "insensitive" } },
            { dnsNames: { has: term } },
            { ipAddresses: { has: query.q } },
            { serialNumber: { startsWith: term.replace(/[^0-9a-f]/g, "") || "-" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().certificate.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: CERTIFICATES_PAGE_SIZE, skip: (query.page - 1) * CERTIFICATES_PAGE_SIZE, select: CERTIFICATE_COLUMNS }),
    db().certificate.count({ where }),
  ]);
  const visible = rows.filter((row) => canForNames(access, "certificate:read", row.ca.name, allNames(row))).map(rowOf);
  return { query, rows: visible, total, pageCount: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)) };
}

export type CertificateDetail = CertificateRow & { keyUsages: string[]; extendedKeyUsages: string[]; keyKept: boolean; renewedFromId: string | null; certificatePem: string };

export async function getCertificate(access: ProjectAccess, input: CertificateRefInput): Promise<CertificateDetail> {
  requireProjectType(access, "PKI");
  const { certificateId } = certificateRefSchema.parse(input);
  const row = await db().$transaction((tx) => certificateInProject(tx, access, certificateId));
  assertCanOn(access, "certificate:read", row);
  return {
    ...rowOf(row),
    keyUsages: row.keyUsages,
    extendedKeyUsages: row.extendedKeyUsages,
    keyKept: row.sealedPrivateKey !== null,
    renewedFromId: row.renewedFromId,
    certificatePem: toPem(row.certificate, "CERTIFICATE"),
  };
}

export type CertificateFile = { filename: string; contentType: string; base64: string };

/**
 * A certificate as a file: PEM, the chain (the certificate, then its CAs up to the root), DER,
 * or its kept private key — that one only with `certificate:read-private-key`, and audited.
 */
export async function certificateFile(access: ProjectAccess, input: CertificateFileInput): Promise<CertificateFile> {
  requireProjectType(access, "PKI");
  const { certificateId, file } = certificateFileSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await certificateInProject(tx, access, certificateId);
    assertCanOn(access, "certificate:read", row);
    const base = row.commonName.replace(/[^A-Za-z0-9.-]+/g, "_").replace(/^\*/, "wildcard") || "certificate";
    if (file === "der") return { filename: `${base}.der`, contentType: "application/pkix-cert", base64: Buffer.from(row.certificate).toString("base64") };
    if (file === "certificate") return { filename: `${base}.pem`, contentType: "application/x-pem-file", base64: Buffer.from(toPem(row.certificate, "CERTIFICATE")).toString("base64") };
    if (file === "chain") {
      const chain = await chainOf(tx, await caInProject(tx, access, row.caId));
      const pem = toPem(row.certificate, "CERTIFICATE") + chain.map((one) => (one.certificate ? toPem(one.certificate, "CERTIFICATE") : "")).join("") + (await externalChainAbove(tx, chain));
      return { filename: `${base}-chain.pem`, contentType: "application/x-pem-file", base64: Buffer.from(pem).toString("base64") };
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
