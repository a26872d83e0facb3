import { z } from "zod";
import { orgRefSchema } from "../slugs.ts";
import { projectRefSchema } from "../projects/schemas.ts";
import { heldRoleSlugSchema, roleSlugSchema } from "./role-slugs.ts";

const roleFields = {
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters"),
  description: z.string().trim().max(500, "Use at most 500 characters").default(""),
  /** Checked against the scope's catalogue in lib/roles (the scope decides the subjects). */
  permissions: z.unknown(),
  /** Saves conditions whose values match nothing in the project today, after the editor warned of them. */
  allowUnmatched: z.boolean().default(false),
};

const createFields = { ...roleFields, slug: roleSlugSchema, permissions: roleFields.permissions.optional(), copyFrom: heldRoleSlugSchema.optional() };
/** `version` is the one the editor loaded: saving over someone else's newer save is refused. */
const updateFields = { ...roleFields, roleSlug: heldRoleSlugSchema, version: z.coerce.number().int().min(1).optional() };
const deleteFields = { roleSlug: heldRoleSlugSchema, reassignTo: heldRoleSlugSchema };

export const createOrgRoleSchema = orgRefSchema.extend(createFields);
export const updateOrgRoleSchema = orgRefSchema.extend(updateFields);
export const deleteOrgRoleSchema = orgRefSchema.extend(deleteFields);
export const createProjectRoleSchema = projectRefSchema.extend(createFields);
export const updateProjectRoleSchema = projectRefSchema.extend(updateFields);
export const deleteProjectRoleSchema = projectRefSchema.extend(deleteFields);

export type CreateRoleInput = { name: string; slug: string; description?: string; permissions?: unknown; copyFrom?: string; allowUnmatched?: boolean };
export type UpdateRoleInput = { roleSlug: string; name: string; description?: string; permissions: unknown; version?: number; allowUnmatched?: boolean };
export type DeleteRoleInput = { roleSlug: string; reassignTo: string };

export const createRoleFieldsSchema = z.object(createFields);
export const updateRoleFieldsSchema = z.object(updateFields);
export const deleteRoleFieldsSchema = z.object(deleteFields);
