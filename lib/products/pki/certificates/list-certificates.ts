import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { preparedQuery } from "../../../platform/db.ts";
import { ForbiddenError } from "../../../platform/errors.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { certificateListQuerySchema, CERTIFICATES_PAGE_SIZE, EXPIRING_DAYS } from "../schemas.ts";
import { allNames, canForNames, CERTIFICATE_COLUMNS, rowOf, sourceOf } from "./queries.ts";

type ListedRow = Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_COLUMNS }>;
/** A row as json_agg gives it: times as ISO strings. */
type JsonRow = Omit<ListedRow, "notBefore" | "notAfter" | "revokedAt" | "createdAt"> & {
  notBefore: string;
  notAfter: string;
  revokedAt: string | null;
  createdAt: string;
};
/** A CA to filter by; `activeProfiles`: how many profiles it issues through now (0 unless the CA is active). */
type CaChoice = { id: string; name: string; kind: "ROOT" | "INTERMEDIATE"; activeProfiles: number };

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
  // Unfiltered, the total is the project's counter (kept by triggers): counting 10,000 rows on
  // every view was the page's largest cost in PostgreSQL.
  const unfiltered = !query.ca && !query.status && !term;
  const totalSql = unfiltered
    ? Prisma.sql`(SELECT COALESCE((SELECT n.certificates FROM project_certificate_counts n WHERE n.project_id = ${access.project.id}::uuid), 0))`
    : Prisma.sql`(SELECT count(*) FROM certificates c WHERE ${where})`;
  // One statement, one row: the page, its total, and the CA filter's choices (with how many
  // profiles each active CA has, for the empty list's advice). Prepared: every filter is read
  // along the (project, created_at, id) index, whatever the project's size, so one plan per
  // filter combination serves all, and planning it on every view cost ~0.7 ms.
  const [result] = await preparedQuery<{ rows: JsonRow[]; total: number; cas: CaChoice[] }>(Prisma.sql`
    SELECT (SELECT COALESCE(json_agg(t ORDER BY t."createdAt" DESC, t.id DESC), '[]') FROM (
              SELECT c.id, c.ca_id AS "caId", c.serial_number AS "serialNumber", c.common_name AS "commonName", c.dns_names AS "dnsNames",
                     c.ip_addresses AS "ipAddresses", c.email_addresses AS "emailAddresses", c.key_usages AS "keyUsages",
                     c.extended_key_usages AS "extendedKeyUsages", c.key_algorithm AS "keyAlgorithm", c.not_before AS "notBefore", c.not_after AS "notAfter",
                     c.revoked_at AS "revokedAt", c.revocation_reason AS "revocationReason", c.renewed_from_id AS "renewedFromId", c.created_at AS "createdAt",
                     json_build_object('name', ca.name) AS ca, json_build_object('id', p.id, 'name', p.name) AS profile
                FROM certificates c JOIN certificate_authorities ca ON ca.id = c.ca_id JOIN certificate_profiles p ON p.id = c.profile_id
               WHERE ${where}
               ORDER BY c.created_at DESC, c.id DESC
               LIMIT ${CERTIFICATES_PAGE_SIZE} OFFSET ${(query.page - 1) * CERTIFICATES_PAGE_SIZE}) t) AS rows,
           ${totalSql}::int AS total,
           (SELECT COALESCE(json_agg(json_build_object('id', ca.id, 'name', ca.name, 'kind', ca.kind, 'activeProfiles',
                     CASE WHEN ca.status = 'ACTIVE' THEN (SELECT count(*) FROM certificate_profiles cp WHERE cp.ca_id = ca.id) ELSE 0 END)
                     ORDER BY ca.kind, ca.name), '[]')
              FROM certificate_authorities ca WHERE ca.project_id = ${access.project.id}::uuid) AS cas`);
  const { total, cas } = result!;
  const visible = result!.rows
    .map((row): ListedRow => ({
      ...row,
      notBefore: new Date(row.notBefore),
      notAfter: new Date(row.notAfter),
      revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
      createdAt: new Date(row.createdAt),
    }))
    .filter((row) => canForNames(access, "certificate:read", sourceOf(row), allNames(row)))
    .map(rowOf);
  // The CAs the actor may see, as the list of CAs shows them.
  const caChoices = access.can("certificate-authority:read") ? cas.filter((ca) => access.can("certificate-authority:read", { caName: ca.name })) : [];
  const setup = { hasCa: cas.length > 0, hasActiveProfile: cas.some((ca) => ca.activeProfiles > 0) };
  return { query, rows: visible, total, pageCount: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)), caChoices, setup };
}
