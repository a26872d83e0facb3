import { z } from "zod";
import { displayNameSchema } from "../display-names.ts";
import { orgSlugSchema } from "../slugs.ts";

export const orgNameSchema = displayNameSchema(64);

export const createOrgSchema = z.object({ name: orgNameSchema, slug: orgSlugSchema });
export type CreateOrgInput = z.input<typeof createOrgSchema>;

export const renameOrgSchema = z.object({ orgSlug: orgSlugSchema, name: orgNameSchema });
export type RenameOrgInput = z.input<typeof renameOrgSchema>;

export const deleteOrgSchema = z.object({ orgSlug: orgSlugSchema, confirmation: z.string().max(100) });
export type DeleteOrgInput = z.input<typeof deleteOrgSchema>;
