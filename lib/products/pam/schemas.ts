import { z } from "zod";
import { countGlobWildcards, MAX_GLOB_WILDCARDS } from "../../platform/authz/glob.ts";
import { checkboxSchema, idListSchema } from "../../platform/form-fields.ts";
import { idSchema } from "../../platform/ids.ts";
import { orgSlugSchema, projectSlugSchema } from "../../platform/slugs.ts";
import { TLS_MODES } from "./vocabulary.ts";

const projectRef = { orgSlug: orgSlugSchema, projectSlug: projectSlugSchema };

const name = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(64, "Use at most 64 characters");

/** A PostgreSQL role name as it is typed: any characters (it is always quoted), at most 63 bytes. */
const roleName = z
  .string({ error: "Enter the role's name" })
  .min(1, "Enter the role's name")
  .refine((value) => Buffer.byteLength(value) <= 63, "PostgreSQL role names have at most 63 bytes")
  .refine((value) => !value.includes("\0"), "A role name cannot hold a NUL character");

const minutes = (what: string) =>
  z.coerce
    .number({ error: `Enter ${what} in minutes` })
    .int("Whole minutes")
    .min(1, "At least one minute")
    .max(60 * 24 * 30, "At most 30 days");

const glob = z
  .string()
  .trim()
  .min(1, "Enter a name or a pattern (* for any)")
  .max(128, "Use at most 128 characters")
  .refine((value) => countGlobWildcards(value) <= MAX_GLOB_WILDCARDS, `At most ${MAX_GLOB_WILDCARDS} wildcards`);

const idList = idListSchema("people");
const checkbox = checkboxSchema;

/** How Tessera reaches a database: everything of a resource but its name, editable after. */
const connectionFields = {
  host: z
    .string({ error: "Enter the database's host" })
    .trim()
    .min(1, "Enter the database's host")
    .max(253, "Use at most 253 characters")
    .regex(/^[A-Za-z0-9.:_\-[\]]+$/, "A host name or an IP address"),
  port: z.coerce.number({ error: "Enter a port" }).int("A whole number").min(1, "From 1").max(65535, "To 65535").default(5432),
  database: z.string({ error: "Enter the database name" }).min(1, "Enter the database name").max(63, "Use at most 63 characters"),
  tlsMode: z.enum(TLS_MODES, { error: "Choose how to connect" }),
  /** PEM; blank: the system's CAs. Checked to be certificates by the domain, which also knows the TLS mode. */
  caCertificate: z
    .string()
    .trim()
    .max(64 * 1024, "At most 64 KiB of certificates")
    .nullish()
    .transform((value) => value || null),
  brokerUser: roleName,
};

const brokerPassword = z.string({ error: "Enter the broker's password" }).max(1024, "Use at most 1,024 characters");

export const resourceFieldsSchema = z.object({
  ...projectRef,
  name: name("a name"),
  ...connectionFields,
  brokerPassword: brokerPassword.min(1, "Enter the broker's password"),
});
export type ResourceFieldsInput = z.input<typeof resourceFieldsSchema>;

/** The name stays (role conditions and policies match it); a blank password keeps the sealed one. */
export const updateResourceSchema = z.object({
  ...projectRef,
  resourceId: idSchema,
  ...connectionFields,
  brokerPassword: brokerPassword.nullish().transform((value) => value || null),
});
export type UpdateResourceInput = z.input<typeof updateResourceSchema>;

export const resourceRefSchema = z.object({ ...projectRef, resourceId: idSchema });
export type ResourceRefInput = z.input<typeof resourceRefSchema>;

/** What an account allows, set when it is added and editable after. */
const accountSettings = {
  folderPath: z
    .string()
    .trim()
    .default("/")
    .transform((value) => `/${value.split("/").filter(Boolean).join("/")}`)
    .refine((value) => value.length <= 256, "Use at most 256 characters"),
  maxDurationMinutes: minutes("the longest access"),
  reasonRequired: checkbox,
};

export const accountFieldsSchema = z.object({ ...projectRef, resourceId: idSchema, name: roleName, ...accountSettings });
export type AccountFieldsInput = z.input<typeof accountFieldsSchema>;

export const accountRefSchema = z.object({ ...projectRef, accountId: idSchema });
export type AccountRefInput = z.input<typeof accountRefSchema>;

export const updateAccountSchema = z.object({ ...projectRef, accountId: idSchema, ...accountSettings });
export type UpdateAccountInput = z.input<typeof updateAccountSchema>;

export const policyFieldsSchema = z.object({
  ...projectRef,
  name: name("a name"),
  resourceGlob: glob,
  accountGlob: glob,
  requiredApprovals: z.coerce.number({ error: "Enter a number" }).int("A whole number").min(1, "At least one approval").max(10, "At most 10"),
  approverIds: idList,
  approverRole: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((value) => value || null),
  maxDurationMinutes: minutes("the longest access"),
  breakGlassIds: idList,
});
export type PolicyFieldsInput = z.input<typeof policyFieldsSchema>;

export const updatePolicySchema = policyFieldsSchema.extend({ policyId: idSchema });
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;

export const policyRefSchema = z.object({ ...projectRef, policyId: idSchema });
export type PolicyRefInput = z.input<typeof policyRefSchema>;

export const createRequestSchema = z.object({
  ...projectRef,
  accountId: idSchema,
  durationMinutes: z.coerce.number({ error: "Enter how long, in minutes" }).int("Whole minutes").min(1, "At least one minute"),
  reason: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
  breakGlass: checkbox,
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;

export const requestRefSchema = z.object({ ...projectRef, requestId: idSchema });
export type RequestRefInput = z.input<typeof requestRefSchema>;

export const decideRequestSchema = z.object({
  ...projectRef,
  requestId: idSchema,
  decision: z.enum(["APPROVE", "REJECT"]),
  comment: z.string().trim().max(1000, "Use at most 1,000 characters").default(""),
});
export type DecideRequestInput = z.input<typeof decideRequestSchema>;

export const listRequestsSchema = z.object({
  ...projectRef,
  view: z.enum(["to-approve", "mine", "all"]).default("mine"),
  page: z.coerce.number().int().min(1).default(1),
});
export type ListRequestsInput = z.input<typeof listRequestsSchema>;
