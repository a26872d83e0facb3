import "server-only";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, type Tx } from "../../../platform/db.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { NameConstraintLists } from "../x509.ts";

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

/** What the public endpoints serve: a CA's certificate or its CRL, DER. Unknown ids: null. */
export async function publishedCaFile(caId: string, file: "certificate" | "crl"): Promise<Uint8Array | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caId)) return null;
  const ca = await db().certificateAuthority.findUnique({ where: { id: caId }, select: { certificate: true, crl: true } });
  return (file === "certificate" ? ca?.certificate : ca?.crl) ?? null;
}
