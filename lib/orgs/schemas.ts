import { z } from "zod";
import { orgSlugSchema } from "../slugs.ts";

export const orgNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(64, "Use at most 64 characters");

export const createOrgSchema = z.object({ name: orgNameSchema, slug: orgSlugSchema });
export type CreateOrgInput = z.input<typeof createOrgSchema>;

export const renameOrgSchema = z.object({ orgSlug: orgSlugSchema, name: orgNameSchema });
export type RenameOrgInput = z.input<typeof renameOrgSchema>;

export const deleteOrgSchema = z.object({ orgSlug: orgSlugSchema, confirmation: z.string().max(100) });
export type DeleteOrgInput = z.input<typeof deleteOrgSchema>;
