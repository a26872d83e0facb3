import { z } from "zod";
import { PRODUCT_TYPES } from "../authz/catalogue.ts";
import { displayNameSchema } from "../display-names.ts";
import { orgSlugSchema, projectSlugSchema } from "../slugs.ts";

export const projectNameSchema = displayNameSchema(64);

export const productTypeSchema = z.enum(PRODUCT_TYPES, { error: "Choose what the project is for" });

export const createProjectSchema = z.object({
  orgSlug: orgSlugSchema,
  name: projectNameSchema,
  slug: projectSlugSchema,
  type: productTypeSchema,
  description: z.string().trim().max(500, "Use at most 500 characters").default(""),
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;

export const PROJECT_PAGE_SIZE = 30;

export const projectListQuerySchema = z.object({
  scope: z.enum(["mine", "all"]).catch("mine"),
  type: productTypeSchema.optional().catch(undefined),
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ProjectListQuery = z.output<typeof projectListQuerySchema>;

const projectRef = { orgSlug: orgSlugSchema, projectSlug: z.string().min(1).max(63) };

export const updateProjectSchema = z.object({
  ...projectRef,
  name: projectNameSchema,
  description: z.string().trim().max(500, "Use at most 500 characters").default(""),
});
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

export const deleteProjectSchema = z.object({ ...projectRef, confirmation: z.string() });
export type DeleteProjectInput = z.input<typeof deleteProjectSchema>;

export const projectRefSchema = z.object(projectRef);

/** An org Admin's way into a project they are not in: typed "access" to confirm, as GitHub asks for a repository's name. */
export const gainProjectAccessSchema = projectRefSchema.extend({
  confirmation: z.string().refine((text) => text.trim().toLowerCase() === "access", 'Type "access" to confirm'),
});
export type GainProjectAccessInput = z.input<typeof gainProjectAccessSchema>;
