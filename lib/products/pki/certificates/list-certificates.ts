import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { directQuery } from "../../../platform/db.ts";
import { ForbiddenError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { certificateListQuerySchema, CERTIFICATES_PAGE_SIZE, EXPIRING_DAYS } from "../schemas.ts";
import { allNames, canForNames, CERTIFICATE_COLUMNS, rowOf, sourceOf } from "./queries.ts";

type ListedRow = Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_COLUMNS }>;

/** A page past the end carries no total: asked for apart, as it is rare. */
async function countOf(where: Prisma.Sql): Promise<number> {
  const [row] = await directQuery<{ total: number }>(Prisma.sql`SELECT count(*)::int AS total FROM certificates c WHERE ${where}`);
  return row?.total ?? 0;
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
  const contains = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
  const filters = [
    Prisma.sql`c.project_id = ${access.project.id}::uuid`,
    ...(query.ca ? [Prisma.sql`c.ca_id = ${query.ca}::uuid`] : []),
    ...(query.status === "revoked" ? [Prisma.sql`c.revoked_at IS NOT NULL`] : []),
    ...(query.status === "active" ? [Prisma.sql`c.revoked_at IS NULL AND c.not_after > ${now}`] : []),
    ...(query.status === "expired" ? [Prisma.sql`c.revoked_at IS NULL AND c.not_after <= ${now}`] : []),
    ...(query.status === "expiring"
      ? [Prisma.sql`c.revoked_at IS NULL AND c.not_after > ${now} AND c.not_after <= ${new Date(now.getTime() + EXPIRING_DAYS * 86_400_000)}`]
      : []),
    ...(term
      ? [
          Prisma.sql`(c.common_name ILIKE ${contains} OR ${term} = ANY(c.dns_names) OR ${query.q} = ANY(c.ip_addresses)
                      OR c.serial_number LIKE ${(term.replace(/[^0-9a-f]/g, "") || "-") + "%"})`,
        ]
      : []),
  ];
  const where = Prisma.join(filters, " AND ");
  // One statement for the page and its total, on pg directly (Prisma's findMany and count were two).
  const rows = await directQuery<ListedRow & { total: number }>(Prisma.sql`
    SELECT c.id, c.ca_id AS "caId", c.serial_number AS "serialNumber", c.common_name AS "commonName", c.dns_names AS "dnsNames",
           c.ip_addresses AS "ipAddresses", c.email_addresses AS "emailAddresses", c.key_usages AS "keyUsages",
           c.extended_key_usages AS "extendedKeyUsages", c.key_algorithm AS "keyAlgorithm", c.not_before AS "notBefore", c.not_after AS "notAfter",
           c.revoked_at AS "revokedAt", c.revocation_reason AS "revocationReason", c.renewed_from_id AS "renewedFromId", c.created_at AS "createdAt",
           json_build_object('name', ca.name) AS ca, json_build_object('id', p.id, 'name', p.name) AS profile,
           (SELECT count(*) FROM certificates c WHERE ${where})::int AS total
      FROM certificates c JOIN certificate_authorities ca ON ca.id = c.ca_id JOIN certificate_profiles p ON p.id = c.profile_id
     WHERE ${where}
     ORDER BY c.created_at DESC, c.id DESC
     LIMIT ${CERTIFICATES_PAGE_SIZE} OFFSET ${(query.page - 1) * CERTIFICATES_PAGE_SIZE}`);
  const total = rows[0]?.total ?? (query.page > 1 ? await countOf(where) : 0);
  const visible = rows.filter((row) => canForNames(access, "certificate:read", sourceOf(row), allNames(row))).map(rowOf);
  return { query, rows: visible, total, pageCount: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)) };
}
