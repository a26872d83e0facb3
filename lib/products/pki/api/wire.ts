import "server-only";
import { z } from "zod";
import type { ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { idSchema } from "../../../platform/ids.ts";
import { certificateFile } from "../certificates/certificate-file.ts";
import { getCertificate } from "../certificates/get-certificate.ts";
import { issueCertificate } from "../certificates/issue-certificate.ts";
import { allNames, canForNames, CERTIFICATE_COLUMNS, rowOf, sourceOf, type CertificateRow } from "../certificates/queries.ts";
import { revokeCertificate } from "../certificates/revoke-certificate.ts";
import { REVOCATION_REASON_LABELS, type RevocationReason } from "../vocabulary.ts";

// The PKI API for machine identities, shaped like Infisical's (`/api/v1/pki/certificates/…`):
// the project as `projectId` (or `workspaceId`), the profile as `profileId` (or Infisical's
// `certificateTemplateId`), certificates by serial number. Every call goes through the same
// functions as the console: the profile, the roles' conditions and the plan all apply.

const project = { projectId: z.string().optional(), workspaceId: z.string().optional() };

/** "30d" (Infisical's form) or a number of days. */
const ttl = z.union([z.number(), z.string()]).transform((value, context) => {
  const days = typeof value === "number" ? value : /^\d+d?$/.test(value.trim()) ? Number.parseInt(value, 10) : Number.NaN;
  if (!Number.isInteger(days) || days < 1) context.addIssue({ code: "custom", message: 'ttl: a number of days, like "30d"' });
  return days;
});

const names = z.union([z.string(), z.array(z.string())]).optional();

export const signCertificateBodySchema = z
  .object({
    ...project,
    profileId: idSchema.optional(),
    certificateTemplateId: idSchema.optional(),
    csr: z.string().trim().max(64_000).optional(),
    commonName: z.string().optional(),
    altNames: names,
    ttl,
    keyAlgorithm: z.string().optional(),
    keyUsages: z.array(z.string()).optional(),
    extendedKeyUsages: z.array(z.string()).optional(),
  })
  .refine((body) => body.profileId ?? body.certificateTemplateId, { path: ["profileId"], message: "profileId is required" });
type SignCertificateBody = z.output<typeof signCertificateBodySchema>;

/** DNS names, IP addresses and email addresses, as Infisical's `altNames` mixes them. */
function splitAltNames(value: string | string[] | undefined) {
  const all = (Array.isArray(value) ? value : (value ?? "").split(",")).map((name) => name.trim()).filter(Boolean);
  return {
    dnsNames: all.filter((name) => !name.includes("@") && !/^[\d.]+$|:/.test(name)),
    ipAddresses: all.filter((name) => /^[\d.]+$|:/.test(name)),
    emailAddresses: all.filter((name) => name.includes("@")),
  };
}

/**
 * Issues through a profile: for a CSR (`sign-certificate`), or with a key made on the server
 * (`issue-certificate`, whose private key is answered this once).
 */
export async function issueOverApi(access: ProjectAccess, body: SignCertificateBody, keyFrom: "csr" | "server") {
  const issued = await issueCertificate(access, {
    orgSlug: access.orgAccess.org.slug,
    projectSlug: access.project.slug,
    profileId: (body.profileId ?? body.certificateTemplateId)!,
    csr: keyFrom === "csr" ? (body.csr ?? "") : "",
    commonName: body.commonName ?? "",
    ...splitAltNames(body.altNames),
    ttlDays: body.ttl,
    ...(body.keyAlgorithm ? { keyAlgorithm: body.keyAlgorithm as never } : {}),
    ...(body.keyUsages ? { keyUsages: body.keyUsages as never } : {}),
    ...(body.extendedKeyUsages ? { extendedKeyUsages: body.extendedKeyUsages as never } : {}),
  });
  const [issuing = ""] = issued.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/);
  const row = await db().certificate.findUniqueOrThrow({ where: { id: issued.certificateId }, select: { serialNumber: true } });
  return {
    certificate: issued.certificatePem,
    certificateChain: issued.chainPem,
    issuingCaCertificate: issuing,
    serialNumber: row.serialNumber,
    certificateId: issued.certificateId,
    ...(issued.privateKeyPem ? { privateKey: issued.privateKeyPem } : {}),
  };
}

export const listCertificatesQuerySchema = z.object({
  ...project,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

function certificateJson(row: CertificateRow) {
  return {
    id: row.id,
    serialNumber: row.serialNumber,
    commonName: row.commonName,
    altNames: [...row.dnsNames, ...row.ipAddresses, ...row.emailAddresses].join(","),
    status: row.status,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
    caId: row.caId,
    caName: row.caName,
    profileId: row.profileId,
    profileName: row.profileName,
  };
}

/** The project's certificates the identity may read, newest first, `offset`/`limit` like Infisical's. */
export async function listOverApi(access: ProjectAccess, query: z.output<typeof listCertificatesQuerySchema>) {
  const where = { projectId: access.project.id };
  const [rows, totalCount] = await Promise.all([
    db().certificate.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: query.offset, take: query.limit, select: CERTIFICATE_COLUMNS }),
    db().certificate.count({ where }),
  ]);
  const visible = rows.filter((row) => canForNames(access, "certificate:read", sourceOf(row), allNames(row)));
  return { certificates: visible.map((row) => certificateJson(rowOf(row))), totalCount };
}

async function idBySerial(access: ProjectAccess, serialNumber: string): Promise<string> {
  const serial = serialNumber.toLowerCase().replace(/[^0-9a-f]/g, "");
  const row = serial ? await db().certificate.findFirst({ where: { projectId: access.project.id, serialNumber: serial }, select: { id: true } }) : null;
  if (!row) throw new NotFoundError();
  return row.id;
}

export const serialQuerySchema = z.object(project);

export async function getOverApi(access: ProjectAccess, serialNumber: string) {
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, certificateId: await idBySerial(access, serialNumber) };
  return { certificate: certificateJson(await getCertificate(access, ref)) };
}

/** The certificate and its chain, PEM (Infisical: `GET …/:serialNumber/certificate`). */
export async function bodyOverApi(access: ProjectAccess, serialNumber: string) {
  const ref = { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, certificateId: await idBySerial(access, serialNumber) };
  const [certificate, chain] = await Promise.all([
    certificateFile(access, { ...ref, file: "certificate" }),
    certificateFile(access, { ...ref, file: "chain" }),
  ]);
  const pem = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");
  return { certificate: pem(certificate), certificateChain: pem(chain), serialNumber: serialNumber.toLowerCase() };
}

export const revokeBodySchema = z.object({
  ...project,
  revocationReason: z
    .string()
    .default("unspecified")
    // Infisical's KEY_COMPROMISE as well as keyCompromise.
    .transform((value) => (value.includes("_") ? value.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : value))
    .pipe(
      z.enum(Object.keys(REVOCATION_REASON_LABELS) as [RevocationReason, ...RevocationReason[]], {
        error: "an RFC 5280 reason, like keyCompromise or superseded",
      }),
    ),
});

export async function revokeOverApi(access: ProjectAccess, serialNumber: string, body: z.output<typeof revokeBodySchema>) {
  const certificateId = await idBySerial(access, serialNumber);
  await revokeCertificate(access, { orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug, certificateId, reason: body.revocationReason });
  const row = await db().certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { revokedAt: true } });
  return { message: "Successfully revoked certificate", serialNumber: serialNumber.toLowerCase(), revokedAt: row.revokedAt!.toISOString() };
}
