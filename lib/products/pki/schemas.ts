import { z } from "zod";
import { addressListOf } from "../../platform/http/client-address.ts";
import { idSchema } from "../../platform/ids.ts";
import { normalizeConstraintBase, normalizeDnsName } from "./dns-names.ts";
import { orgSlugSchema, projectSlugSchema } from "../../platform/slugs.ts";
import { EXTENDED_KEY_USAGE_LABELS, KEY_ALGORITHMS, KEY_USAGE_LABELS, REVOCATION_REASON_LABELS } from "./vocabulary.ts";

const projectRef = { orgSlug: orgSlugSchema, projectSlug: projectSlugSchema };

/** Lists typed one per line or comma-separated. */
const lines = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((entry) => entry.trim()).filter(Boolean));

/** DNS names as typed, in the one form they are compared and signed in (lib/products/pki/dns-names.ts). */
const dnsNames = (normalize: (name: string) => string | null, what: string) =>
  lines.transform((names, context) => {
    if (names.length > 100) context.addIssue({ code: "custom", message: "At most 100 names" });
    const bad = names.find((name) => normalize(name) === null);
    if (bad !== undefined) context.addIssue({ code: "custom", message: `"${bad}" is not ${what}` });
    return [...new Set(names.map((name) => normalize(name) ?? name))];
  });

const ipRanges = lines.superRefine((ranges, context) => {
  const bad = ranges.find((range) => !range.includes("/"));
  if (bad) return context.addIssue({ code: "custom", message: `"${bad}" needs a prefix length, like 10.0.0.0/8` });
  try {
    addressListOf(ranges, "range");
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message.replace(/^range: /, "") });
  }
});

const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).default("");

export const subjectFieldsSchema = {
  commonName: z.string({ error: "Enter a common name" }).trim().min(1, "Enter a common name").max(64, "Use at most 64 characters"),
  organization: text(64),
  organizationalUnit: text(64),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => value === "" || /^[A-Z]{2}$/.test(value), "Two letters (ISO 3166), like DE")
    .default(""),
  state: text(128),
  locality: text(128),
};

const caNameSchema = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters");

const caProfileFields = {
  ...projectRef,
  name: caNameSchema,
  ...subjectFieldsSchema,
  keyAlgorithm: z.enum(KEY_ALGORITHMS, { error: "Choose a key algorithm" }),
  validityDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Whole days")
    .min(1, "At least a day")
    .max(30 * 366, "At most 30 years"),
  /** Intermediates it may have below it; empty: no limit. */
  maxPathLength: z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? null : value),
    z.coerce.number({ error: "Enter a number" }).int("A whole number").min(0, "At least 0").max(10, "At most 10").nullable(),
  ),
  permittedDnsNames: dnsNames(normalizeConstraintBase, "a domain (svc.internal, or .svc.internal for subdomains only)"),
  excludedDnsNames: dnsNames(normalizeConstraintBase, "a domain (svc.internal, or .svc.internal for subdomains only)"),
  permittedIpRanges: ipRanges,
  excludedIpRanges: ipRanges,
};

export const createRootCaSchema = z.object(caProfileFields);
export type CreateRootCaInput = z.input<typeof createRootCaSchema>;

export const createIntermediateCaSchema = z.object({
  ...caProfileFields,
  /** The CA of this project that signs it; absent: signed outside Tessera (a CSR to export). */
  parentId: z.preprocess((value) => (value === "" ? undefined : value), idSchema.optional()),
});
export type CreateIntermediateCaInput = z.input<typeof createIntermediateCaSchema>;

export const caRefSchema = z.object({ ...projectRef, caId: idSchema });
export type CaRefInput = z.input<typeof caRefSchema>;

export const setCaEnabledSchema = caRefSchema.extend({ enabled: z.boolean() });
export type SetCaEnabledInput = z.input<typeof setCaEnabledSchema>;

export const importCaCertificateSchema = caRefSchema.extend({
  certificate: z.string({ error: "Paste the signed certificate" }).trim().min(1, "Paste the signed certificate").max(64_000),
  chain: z.string().trim().max(256_000).default(""),
});
export type ImportCaCertificateInput = z.input<typeof importCaCertificateSchema>;

/** Absent: the usual ones for the key (lib/products/pki/vocabulary.ts defaultKeyUsages). */
const keyUsages = z
  .array(z.enum(Object.keys(KEY_USAGE_LABELS) as [keyof typeof KEY_USAGE_LABELS]))
  .max(10)
  .optional();
/** Absent: TLS server when the profile allows it (lib/products/pki/profiles/profile-check.ts profileDefaults). */
const extendedKeyUsages = z
  .array(z.enum(Object.keys(EXTENDED_KEY_USAGE_LABELS) as [keyof typeof EXTENDED_KEY_USAGE_LABELS]))
  .max(10)
  .optional();

export const issueCertificateSchema = z
  .object({
    ...projectRef,
    profileId: idSchema,
    /** Empty with a CSR: taken from the CSR's subject. */
    commonName: z.string().trim().max(64, "Use at most 64 characters").default(""),
    dnsNames: dnsNames(normalizeDnsName, "a DNS name"),
    ipAddresses: lines.superRefine((addresses, context) => {
      const bad = addresses.find((address) => address.includes("/") || !addressOk(address));
      if (bad) context.addIssue({ code: "custom", message: `"${bad}" is not an IP address` });
    }),
    emailAddresses: lines.superRefine((addresses, context) => {
      const bad = addresses.find((address) => !z.email().safeParse(address).success);
      if (bad) context.addIssue({ code: "custom", message: `"${bad}" is not an email address` });
    }),
    keyUsages,
    extendedKeyUsages,
    ttlDays: z.coerce.number({ error: "Enter a number of days" }).int("Whole days").min(1, "At least a day").max(3650, "At most 10 years"),
    /** Absent: the server makes the key (shown once). */
    csr: z.string().trim().max(64_000).default(""),
    keyAlgorithm: z.enum(KEY_ALGORITHMS).default("EC_P256"),
    keepPrivateKey: z.boolean().default(false),
  })
  .refine((input) => input.commonName !== "" || input.csr !== "", { path: ["commonName"], message: "Enter a common name" });
export type IssueCertificateInput = z.input<typeof issueCertificateSchema>;

function addressOk(address: string): boolean {
  try {
    addressListOf([address], "address");
    return true;
  } catch {
    return false;
  }
}

export const certificateRefSchema = z.object({ ...projectRef, certificateId: idSchema });
export type CertificateRefInput = z.input<typeof certificateRefSchema>;

export const renewCertificateSchema = certificateRefSchema.extend({ newKey: z.boolean().default(false) });
export type RenewCertificateInput = z.input<typeof renewCertificateSchema>;

export const revokeCertificateSchema = certificateRefSchema.extend({
  reason: z.enum(Object.keys(REVOCATION_REASON_LABELS) as [keyof typeof REVOCATION_REASON_LABELS], { error: "Choose a reason" }),
});
export type RevokeCertificateInput = z.input<typeof revokeCertificateSchema>;

export const CERTIFICATE_FILES = ["certificate", "fullchain", "chain", "der", "private-key"] as const;
export const certificateFileSchema = certificateRefSchema.extend({ file: z.enum(CERTIFICATE_FILES) });
export type CertificateFileInput = z.input<typeof certificateFileSchema>;

/** "expiring": active, and past its end within EXPIRING_DAYS. */
export const CERTIFICATE_STATUSES = ["active", "expiring", "expired", "revoked"] as const;
export const EXPIRING_DAYS = 30;
export const certificateListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  status: z.enum(CERTIFICATE_STATUSES).optional().catch(undefined),
  ca: idSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
/** 25 rows a page, like the members page: rows are most of what a list page renders (issue 29). */
export const CERTIFICATES_PAGE_SIZE = 25;
