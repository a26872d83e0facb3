import { z } from "zod";
import { addressListOf } from "../http/client-address.ts";
import { displayNameSchema } from "../display-names.ts";
import { idSchema } from "../ids.ts";
import { orgSlugSchema } from "../slugs.ts";
import { heldRoleSlugSchema } from "../roles/role-slugs.ts";

const orgRef = { orgSlug: orgSlugSchema };
const DAY = 86_400;

export const identityNameSchema = displayNameSchema(64);

export const createIdentitySchema = z.object({ ...orgRef, name: identityNameSchema, role: heldRoleSlugSchema, deleteProtection: z.boolean().default(false) });
export type CreateIdentityInput = z.input<typeof createIdentitySchema>;

export const identityRefSchema = z.object({ ...orgRef, identityId: idSchema });
export type IdentityRefInput = z.input<typeof identityRefSchema>;

export const updateIdentitySchema = identityRefSchema.extend({ name: identityNameSchema, role: heldRoleSlugSchema, deleteProtection: z.boolean() });
export type UpdateIdentityInput = z.input<typeof updateIdentitySchema>;

/** CIDR ranges or single addresses, IPv4 or IPv6, one per line or comma-separated; at least one. */
const trustedAddressesSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, context) => {
    if (entries.length === 0) context.addIssue({ code: "custom", message: "List at least one address or range (0.0.0.0/0 and ::/0 allow any)" });
    if (entries.length > 100) context.addIssue({ code: "custom", message: "At most 100 ranges" });
    try {
      addressListOf(entries, "Trusted IPs");
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message.replace(/^Trusted IPs: /, "") });
    }
  });

const seconds = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label}` })
    .int(`Enter a whole number`)
    .min(min, `At least ${min}`)
    .max(max, `At most ${max}`);

export const universalAuthSettingsSchema = identityRefSchema
  .extend({
    accessTokenTtlSeconds: seconds("a number of seconds", 60, 30 * DAY),
    accessTokenMaxTtlSeconds: seconds("a number of seconds", 60, 365 * DAY),
    accessTokenMaxUses: seconds("a number", 0, 1_000_000),
    loginTrustedIps: trustedAddressesSchema,
    tokenTrustedIps: trustedAddressesSchema,
    lockoutThreshold: seconds("a number", 0, 100),
    lockoutSeconds: seconds("a number of seconds", 1, DAY),
  })
  .refine((settings) => settings.accessTokenTtlSeconds <= settings.accessTokenMaxTtlSeconds, {
    path: ["accessTokenTtlSeconds"],
    message: "Cannot be longer than the max TTL",
  });
export type UniversalAuthSettingsInput = z.input<typeof universalAuthSettingsSchema>;

export const revokeAccessTokenSchema = identityRefSchema.extend({ accessTokenId: idSchema });
export type RevokeAccessTokenInput = z.input<typeof revokeAccessTokenSchema>;

export const identityListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
/** 25 rows a page, like the members page: rows are most of what a list page renders (issue 29). */
export const IDENTITIES_PAGE_SIZE = 25;

export const createClientSecretSchema = identityRefSchema.extend({
  description: z.string().trim().max(200, "Use at most 200 characters").default(""),
  /** Seconds until it stops working; 0: never. */
  ttlSeconds: z.coerce
    .number({ error: "Enter a number of seconds" })
    .int()
    .min(0)
    .max(365 * DAY, "At most a year")
    .default(0),
  /** Logins it may make; 0: no limit. */
  maxUses: z.coerce.number({ error: "Enter a number" }).int().min(0).max(1_000_000).default(0),
});
export type CreateClientSecretInput = z.input<typeof createClientSecretSchema>;

export const revokeClientSecretSchema = identityRefSchema.extend({
  clientSecretId: idSchema,
  reason: z.string().trim().min(1, "Say why, for the audit log").max(200),
});
export type RevokeClientSecretInput = z.input<typeof revokeClientSecretSchema>;

export const universalAuthLoginSchema = z.object({
  clientId: z.string({ error: "clientId is required" }).trim().min(1, "clientId is required").max(100),
  clientSecret: z.string({ error: "clientSecret is required" }).min(1, "clientSecret is required").max(200),
});
