import "server-only";
import { assertPlanIncludes, assertWithinPlan } from "../../platform/billing/limits.ts";
import { AsnConvert } from "@peculiar/asn1-schema";
import { id_ce_nameConstraints, NameConstraints, type GeneralSubtrees } from "@peculiar/asn1-x509";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { uuid7 } from "../../platform/uuid7.ts";
import { resignCrl } from "./crl.ts";
import { openSigningKey, sealPrivateKey } from "./keys.ts";
import {
  caRefSchema,
  createIntermediateCaSchema,
  createRootCaSchema,
  importCaCertificateSchema,
  setCaEnabledSchema,
  type CaRefInput,
  type CreateIntermediateCaInput,
  type CreateRootCaInput,
  type ImportCaCertificateInput,
  type SetCaEnabledInput,
} from "./schemas.ts";
import { caUrls } from "./urls.ts";
import {
  certificateFromDer,
  createCsr,
  exportPrivateKey,
  generateKeyPair,
  pemBlocks,
  randomSerial,
  sameKey,
  signCaCertificate,
  subjectName,
  toPem,
  x509,
  type NameConstraintLists,
} from "./x509.ts";

const DAY_MS = 86_400_000;

const CA_COLUMNS = {
  id: true,
  projectId: true,
  name: true,
  kind: true,
  status: true,
  parentId: true,
  subject: true,
  keyAlgorithm: true,
  sealedPrivateKey: true,
  certificate: true,
  notAfter: true,
  maxPathLength: true,
  permittedDnsNames: true,
  excludedDnsNames: true,
  permittedIpRanges: true,
  excludedIpRanges: true,
} as const;

export type CaRow = {
  id: string;
  projectId: string;
  name: string;
  kind: "ROOT" | "INTERMEDIATE";
  status: "PENDING" | "ACTIVE" | "DISABLED";
  parentId: string | null;
  subject: string;
  keyAlgorithm: string;
  sealedPrivateKey: Uint8Array;
  certificate: Uint8Array | null;
  notAfter: Date | null;
  maxPathLength: number | null;
} & NameConstraintLists;

/** A CA of the actor's project; ids from elsewhere are not found. Locked when `lock`. */
export async function caInProject(tx: Tx, access: ProjectAccess, caId: string, lock = false): Promise<CaRow> {
  if (lock) await tx.$queryRaw`SELECT id FROM certificate_authorities WHERE id = ${caId}::uuid AND project_id = ${access.project.id}::uuid FOR UPDATE`;
  const ca = await tx.certificateAuthority.findFirst({ where: { id: caId, projectId: access.project.id }, select: CA_COLUMNS });
  if (!ca) throw new NotFoundError();
  return ca;
}

/** The CA and every CA of this project above it, nearest first. */
export async function chainOf(tx: Tx, ca: CaRow): Promise<CaRow[]> {
  const chain = [ca];
  for (let parentId = ca.parentId; parentId && chain.length < 12; ) {
    const parent = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: parentId }, select: CA_COLUMNS });
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

type Profile = ReturnType<typeof createRootCaSchema.parse>;

function constraintsOf(profile: Profile): NameConstraintLists {
  return {
    permittedDnsNames: profile.permittedDnsNames,
    excludedDnsNames: profile.excludedDnsNames,
    permittedIpRanges: profile.permittedIpRanges,
    excludedIpRanges: profile.excludedIpRanges,
  };
}

async function insertCa(
  tx: Tx,
  access: ProjectAccess,
  data: { id: string; profile: Profile; kind: "ROOT" | "INTERMEDIATE"; status: "PENDING" | "ACTIVE"; parentId: string | null; subject: string; pkcs8: Buffer; certificate: x509.X509Certificate | null; csr: Buffer | null },
): Promise<void> {
  const { id, profile, certificate } = data;
  await assertWithinPlan(tx, access.orgAccess.org.id, "certificateAuthorities");
  try {
    await tx.certificateAuthority.create({
      data: {
        id,
        projectId: access.project.id,
        name: profile.name,
        kind: data.kind,
        status: data.status,
        parentId: data.parentId,
        subject: data.subject,
        keyAlgorithm: profile.keyAlgorithm,
        sealedPrivateKey: await sealPrivateKey(tx, access.project.id, id, data.pkcs8),
        certificate: certificate ? Uint8Array.from(Buffer.from(certificate.rawData)) : null,
        csr: data.csr ? Uint8Array.from(data.csr) : null,
        serialNumber: certificate?.serialNumber.toLowerCase() ?? null,
        notBefore: certificate?.notBefore ?? null,
        notAfter: certificate?.notAfter ?? null,
        maxPathLength: profile.maxPathLength,
        ...constraintsOf(profile),
        createdById: access.orgAccess.actor.userId,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", `A certificate authority named ${profile.name} already exists in this project.`);
    throw error;
  }
  if (certificate) await resignCrl(tx, id);
  await recordProjectEvent(tx, access, {
        action: "pki.ca-created",
    target: { type: "certificate-authority", id, label: profile.name },
    metadata: { name: profile.name, kind: data.kind, subject: data.subject, keyAlgorithm: profile.keyAlgorithm, parentId: data.parentId, signedOutside: data.status === "PENDING" },
  });
}

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
    { subject, serialNumber: randomSerial(), notBefore, notAfter: new Date(notBefore.getTime() + profile.validityDays * DAY_MS), maxPathLength: profile.maxPathLength, constraints: constraintsOf(profile) },
    keys.publicKey,
    { self: { algorithm: profile.keyAlgorithm, privateKey: keys.privateKey } },
  );
  await db().$transaction((tx) => insertCa(tx, access, { id, profile, kind: "ROOT", status: "ACTIVE", parentId: null, subject: subject.toString(), pkcs8, certificate, csr: null }));
  return { caId: id };
}

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
    await db().$transaction((tx) => insertCa(tx, access, { id, profile, kind: "INTERMEDIATE", status: "PENDING", parentId: null, subject: subject.toString(), pkcs8, certificate: null, csr }));
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
      throw ValidationError.field("validityDays", `It would outlive ${parent.name}, which expires ${parentCertificate.notAfter.toISOString().slice(0, 10)}. Choose fewer days.`);
    }
    const certificate = await signCaCertificate(
      { subject, serialNumber: randomSerial(), notBefore, notAfter, maxPathLength: profile.maxPathLength, constraints: constraintsOf(profile) },
      keys.publicKey,
      { name: parentCertificate.subjectName, key: await openSigningKey(tx, parent), publicKey: parentCertificate.publicKey, urls: caUrls(parent.id) },
    );
    await insertCa(tx, access, { id, profile, kind: "INTERMEDIATE", status: "ACTIVE", parentId: parent.id, subject: subject.toString(), pkcs8, certificate, csr: null });
  });
  return { caId: id };
}

/** The certificate of a CA that may sign now: active, imported, not expired. */
export function usableIssuer(ca: CaRow, field: string): x509.X509Certificate {
  if (ca.status === "PENDING" || !ca.certificate) throw ValidationError.field(field, `${ca.name} has no certificate yet: import its signed certificate first.`);
  if (ca.status === "DISABLED") throw ValidationError.field(field, `${ca.name} is disabled: it issues nothing until it is enabled.`);
  const certificate = certificateFromDer(ca.certificate);
  if (certificate.notAfter <= new Date()) throw ValidationError.field(field, `${ca.name} expired on ${certificate.notAfter.toISOString().slice(0, 10)}.`);
  return certificate;
}

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
      throw ValidationError.field(index === 0 ? "certificate" : "chain", `${child.subject} is not signed by ${issuer.subject}: check the order (issuer first, up to the root).`);
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
    await resignCrl(tx, ca.id);
    await recordProjectEvent(tx, access, {
            action: "pki.ca-imported",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
      metadata: { issuer: certificate.issuer, root: root.subject, notAfter: certificate.notAfter.toISOString() },
    });
  });
}

/** A disabled CA issues nothing (its CRL is still published and re-signed). */
export async function setCaEnabled(access: ProjectAccess, input: SetCaEnabledInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { caId, enabled } = setCaEnabledSchema.parse(input);
  await db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId, true);
    access.assert("certificate-authority:edit", { caName: ca.name });
    if (ca.status === "PENDING") throw new RefusedError(`${ca.name} has no certificate yet: import it first.`);
    const status = enabled ? "ACTIVE" : "DISABLED";
    if (ca.status === status) return;
    await tx.certificateAuthority.update({ where: { id: ca.id }, data: { status } });
    await recordProjectEvent(tx, access, {
            action: enabled ? "pki.ca-enabled" : "pki.ca-disabled",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
    });
  });
}

/** Only a CA that signed nothing goes: certificates and CAs below it keep it in place. */
export async function deleteCa(access: ProjectAccess, input: CaRefInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { caId } = caRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId, true);
    access.assert("certificate-authority:delete", { caName: ca.name });
    const [certificates, children] = await Promise.all([tx.certificate.count({ where: { caId } }), tx.certificateAuthority.count({ where: { parentId: caId } })]);
    if (certificates || children) {
      throw new RefusedError(`${ca.name} has signed ${certificates} certificates and ${children} CAs: disable it instead, so what it signed stays verifiable.`);
    }
    await recordProjectEvent(tx, access, {
            action: "pki.ca-deleted",
      target: { type: "certificate-authority", id: ca.id, label: ca.name },
      metadata: { name: ca.name },
    });
    await tx.certificateAuthority.delete({ where: { id: ca.id } });
  });
}

export type CaSummary = { id: string; name: string; kind: "ROOT" | "INTERMEDIATE"; status: "PENDING" | "ACTIVE" | "DISABLED"; subject: string; keyAlgorithm: string; notAfter: Date | null; parentName: string | null; certificateCount: number };

/** The project's CAs the actor may see, roots first, then by name. */
export async function listCas(access: ProjectAccess): Promise<CaSummary[]> {
  requireProjectType(access, "PKI");
  if (!access.can("certificate-authority:read")) throw new ForbiddenError("certificate-authority:read");
  const rows = await db().certificateAuthority.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: { id: true, name: true, kind: true, status: true, subject: true, keyAlgorithm: true, notAfter: true, parent: { select: { name: true } }, _count: { select: { certificates: true } } },
  });
  return rows
    .filter((row) => access.can("certificate-authority:read", { caName: row.name }))
    .map(({ parent, _count, ...row }) => ({ ...row, parentName: parent?.name ?? null, certificateCount: _count.certificates }));
}

export type CaDetail = CaSummary &
  NameConstraintLists & {
    maxPathLength: number | null;
    serialNumber: string | null;
    notBefore: Date | null;
    certificatePem: string | null;
    chainPem: string | null;
    csrPem: string | null;
    crlNumber: number;
    crlNextUpdate: Date | null;
    urls: { certificateUrl: string; crlUrl: string };
    revokedCount: number;
  };

/** The certificates above the topmost CA of a chain when that one was signed outside (PEM, issuer first). */
export async function externalChainAbove(tx: Tx, chain: CaRow[]): Promise<string> {
  const top = chain.at(-1);
  if (!top || top.kind === "ROOT") return "";
  const row = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: top.id }, select: { externalChain: true } });
  return row.externalChain ?? "";
}

/** One CA with its certificate, chain (up to its root), pending CSR and CRL state. */
export async function getCa(access: ProjectAccess, input: CaRefInput): Promise<CaDetail> {
  requireProjectType(access, "PKI");
  const { caId } = caRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const ca = await caInProject(tx, access, caId);
    access.assert("certificate-authority:read", { caName: ca.name });
    const row = await tx.certificateAuthority.findUniqueOrThrow({
      where: { id: caId },
      select: {
        serialNumber: true,
        notBefore: true,
        csr: true,
        crlNumber: true,
        crlNextUpdate: true,
        parent: { select: { name: true } },
        _count: { select: { certificates: true } },
      },
    });
    const revokedCount = await tx.certificate.count({ where: { caId, revokedAt: { not: null } } });
    const chain = await chainOf(tx, ca);
    const pem = (der: Uint8Array | null) => (der ? toPem(der, "CERTIFICATE") : "");
    const chainPem = ca.certificate ? chain.map((one) => pem(one.certificate)).join("") + (await externalChainAbove(tx, chain)) : null;
    return {
      id: ca.id,
      name: ca.name,
      kind: ca.kind,
      status: ca.status,
      subject: ca.subject,
      keyAlgorithm: ca.keyAlgorithm,
      notAfter: ca.notAfter,
      parentName: row.parent?.name ?? null,
      certificateCount: row._count.certificates,
      maxPathLength: ca.maxPathLength,
      permittedDnsNames: ca.permittedDnsNames,
      excludedDnsNames: ca.excludedDnsNames,
      permittedIpRanges: ca.permittedIpRanges,
      excludedIpRanges: ca.excludedIpRanges,
      serialNumber: row.serialNumber,
      notBefore: row.notBefore,
      certificatePem: ca.certificate ? pem(ca.certificate) : null,
      chainPem: chainPem || null,
      csrPem: ca.status === "PENDING" && row.csr ? toPem(row.csr, "CERTIFICATE REQUEST") : null,
      crlNumber: row.crlNumber,
      crlNextUpdate: row.crlNextUpdate,
      urls: caUrls(ca.id),
      revokedCount,
    };
  });
}

/** What the public endpoints serve: a CA's certificate or its CRL, DER. Unknown ids: null. */
export async function publishedCaFile(caId: string, file: "certificate" | "crl"): Promise<Uint8Array | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caId)) return null;
  const ca = await db().certificateAuthority.findUnique({ where: { id: caId }, select: { certificate: true, crl: true } });
  return (file === "certificate" ? ca?.certificate : ca?.crl) ?? null;
}

