import { z } from "zod";
import { idSchema } from "../ids.ts";
import { orgSlugSchema } from "../slugs.ts";
import { heldRoleSlugSchema } from "../roles/role-slugs.ts";

const orgRef = { orgSlug: orgSlugSchema };
const DAY = 86_400;

export const identityNameSchema = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters");

export const createIdentitySchema = z.object({ ...orgRef, name: identityNameSchema, role: heldRoleSlugSchema, deleteProtection: z.boolean().default(false) });
export type CreateIdentityInput = z.input<typeof createIdentitySchema>;

export const identityRefSchema = z.object({ ...orgRef, identityId: idSchema });
export type IdentityRefInput = z.input<typeof identityRefSchema>;

export const identityListQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export const IDENTITIES_PAGE_SIZE = 50;

export const createClientSecretSchema = identityRefSchema.extend({
  description: z.string().trim().max(200, "Use at most 200 characters").default(""),
  /** Seconds until it stops working; 0: never. */
  ttlSeconds: z.coerce.number({ error: "Enter a number of seconds" }).int().min(0).max(365 * DAY, "At most a year").default(0),
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
