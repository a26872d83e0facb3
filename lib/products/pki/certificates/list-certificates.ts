import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ForbiddenError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { certificateListQuerySchema, CERTIFICATES_PAGE_SIZE } from "../schemas.ts";
import { allNames, canForNames, CERTIFICATE_COLUMNS, rowOf } from "./queries.ts";

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
    db().certificate.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CERTIFICATES_PAGE_SIZE,
      skip: (query.page - 1) * CERTIFICATES_PAGE_SIZE,
      select: CERTIFICATE_COLUMNS,
    }),
    db().certificate.count({ where }),
  ]);
  const visible = rows.filter((row) => canForNames(access, "certificate:read", row.ca.name, allNames(row))).map(rowOf);
  return { query, rows: visible, total, pageCount: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)) };
}
