import "server-only";
import type { ProjectAccess } from "../../../platform/authz/project-access.ts";
import type { Tx } from "../../../platform/db.ts";
import { ForbiddenError, NotFoundError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import type { LeafNames } from "../dns-names.ts";

type CertificatePermission = "certificate:read" | "certificate:issue" | "certificate:renew" | "certificate:revoke" | "certificate:read-private-key";

/** Where a certificate comes from, as role conditions see it. */
export type CertificateSource = { caName: string; profileName: string };

/**
 * A certificate permission holds for a CA and profile only if it holds for every name the
 * certificate carries: a role limited to `*.svc.internal` cannot slip `db.prod.internal` in as a SAN.
 */
export function canForNames(access: ProjectAccess, permission: CertificatePermission, source: CertificateSource, names: string[]): boolean {
  return names.every((name) => access.can(permission, { ...source, name }));
}

export const sourceOf = (row: { ca: { name: string }; profile: { name: string } }): CertificateSource => ({
  caName: row.ca.name,
  profileName: row.profile.name,
});

export type Names = LeafNames;
export const allNames = (names: Names) => [names.commonName, ...names.dnsNames, ...names.ipAddresses, ...names.emailAddresses];

export const CERTIFICATE_COLUMNS = {
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
  profile: { select: { id: true, name: true } },
} as const;

export async function certificateInProject(tx: Tx, access: ProjectAccess, certificateId: string) {
  const row = await tx.certificate.findFirst({
    where: { id: certificateId, projectId: access.project.id },
    select: { ...CERTIFICATE_COLUMNS, certificate: true, sealedPrivateKey: true },
  });
  if (!row) throw new NotFoundError();
  return row;
}

export function assertCanOn(access: ProjectAccess, permission: CertificatePermission, row: Names & { ca: { name: string }; profile: { name: string } }): void {
  if (!canForNames(access, permission, sourceOf(row), allNames(row))) throw new ForbiddenError(permission);
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
  profileId: string;
  profileName: string;
  serialNumber: string;
  keyAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  status: CertificateStatus;
  revokedAt: Date | null;
  revocationReason: string | null;
  createdAt: Date;
};

export function rowOf(row: Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_COLUMNS }>): CertificateRow {
  return {
    id: row.id,
    caId: row.caId,
    caName: row.ca.name,
    profileId: row.profile.id,
    profileName: row.profile.name,
    serialNumber: row.serialNumber,
    commonName: row.commonName,
    dnsNames: row.dnsNames,
    ipAddresses: row.ipAddresses,
    emailAddresses: row.emailAddresses,
    keyAlgorithm: row.keyAlgorithm,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    status: statusOf(row),
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason,
    createdAt: row.createdAt,
  };
}
