import "server-only";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, type Tx } from "../../../platform/db.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { certificateFromDer, x509, type NameConstraintLists } from "../x509.ts";

export const DAY_MS = 86_400_000;

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

/** A CA of this project, by id, for work no person does (ACME): null when there is none. */
export function caOfProject(tx: Pick<Tx, "certificateAuthority">, projectId: string, caId: string): Promise<CaRow | null> {
  return tx.certificateAuthority.findFirst({ where: { id: caId, projectId }, select: CA_COLUMNS });
}

/** The CA and every CA of this project above it, nearest first. */
export async function chainOf(tx: Tx, ca: CaRow): Promise<CaRow[]> {
  const chain = [ca];
  for (let parentId = ca.parentId; parentId && chain.length < 12;) {
    const parent = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: parentId }, select: CA_COLUMNS });
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

/** The certificate of a CA that may sign now: active, imported, not expired. */
export function usableIssuer(ca: CaRow, field: string): x509.X509Certificate {
  if (ca.status === "PENDING" || !ca.certificate) throw ValidationError.field(field, `${ca.name} has no certificate yet: import its signed certificate first.`);
  if (ca.status === "DISABLED") throw ValidationError.field(field, `${ca.name} is disabled: it issues nothing until it is enabled.`);
  const certificate = certificateFromDer(ca.certificate);
  if (certificate.notAfter <= new Date()) throw ValidationError.field(field, `${ca.name} expired on ${certificate.notAfter.toISOString().slice(0, 10)}.`);
  return certificate;
}

/** The certificates above the topmost CA of a chain when that one was signed outside (PEM, issuer first). */
export async function externalChainAbove(tx: Tx, chain: CaRow[]): Promise<string> {
  const top = chain.at(-1);
  if (!top || top.kind === "ROOT") return "";
  const row = await tx.certificateAuthority.findUniqueOrThrow({ where: { id: top.id }, select: { externalChain: true } });
  return row.externalChain ?? "";
}

/** What the public endpoints serve: a CA's certificate or its CRL, DER. Unknown ids: null. */
export async function publishedCaFile(caId: string, file: "certificate" | "crl"): Promise<Uint8Array | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caId)) return null;
  const ca = await db().certificateAuthority.findUnique({ where: { id: caId }, select: { certificate: true, crl: true } });
  return (file === "certificate" ? ca?.certificate : ca?.crl) ?? null;
}
