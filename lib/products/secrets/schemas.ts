import { z } from "zod";
import { idSchema } from "../../platform/ids.ts";
import { projectRefSchema } from "../../platform/projects/schemas.ts";
import { slugSchema } from "../../platform/slugs.ts";

const projectRef = projectRefSchema.shape;

export const environmentNameSchema = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters");

/** What role conditions on `environment` match, so it is fixed once created. */
export const environmentSlugSchema = slugSchema(new Set());

const FOLDER_NAME = /^[A-Za-z0-9_.-]+$/;
export const MAX_PATH_LENGTH = 256;

export const folderNameSchema = z
  .string({ error: "Enter a folder name" })
  .trim()
  .min(1, "Enter a folder name")
  .max(64, "Use at most 64 characters")
  .regex(FOLDER_NAME, "Use letters, digits, dots, hyphens and underscores")
  .refine((name) => name !== "." && name !== "..", "Choose another name");

/** An absolute folder path: "/", "/api", "/api/payments". A trailing slash is dropped. */
export const secretPathSchema = z
  .string()
  .trim()
  .default("/")
  .transform((path) => (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path) || "/")
  .refine((path) => path.length <= MAX_PATH_LENGTH, `Use at most ${MAX_PATH_LENGTH} characters`)
  .refine(
    (path) =>
      path === "/" ||
      (path.startsWith("/") &&
        path
          .slice(1)
          .split("/")
          .every((name) => folderNameSchema.safeParse(name).success)),
    'Write a folder path such as "/" or "/api/payments"',
  );

/** Keys as programs read them from their environment. */
export const secretKeySchema = z
  .string({ error: "Enter a key" })
  .trim()
  .min(1, "Enter a key")
  .max(256, "Use at most 256 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Use letters, digits and underscores, not starting with a digit");

export const MAX_VALUE_BYTES = 64 * 1024;
export const secretValueSchema = z.string().refine((value) => Buffer.byteLength(value, "utf8") <= MAX_VALUE_BYTES, "Values are limited to 64 KiB");

const commentSchema = z.string().trim().max(500, "Use at most 500 characters").default("");
const environmentRef = { ...projectRef, environment: z.string().min(1).max(63), path: secretPathSchema };

export const createEnvironmentSchema = z.object({ ...projectRef, name: environmentNameSchema, slug: environmentSlugSchema });
export const renameEnvironmentSchema = z.object({ ...projectRef, environmentId: idSchema, name: environmentNameSchema });
export const moveEnvironmentSchema = z.object({ ...projectRef, environmentId: idSchema, direction: z.enum(["up", "down"]) });
export const deleteEnvironmentSchema = z.object({ ...projectRef, environmentId: idSchema, confirmation: z.string() });

export const folderRefSchema = z.object(environmentRef);
export const createFolderSchema = z.object({ ...environmentRef, name: folderNameSchema });

export const createSecretSchema = z.object({
  ...environmentRef,
  key: secretKeySchema,
  value: secretValueSchema,
  comment: commentSchema,
});
export const updateSecretSchema = z.object({
  ...projectRef,
  secretId: idSchema,
  key: secretKeySchema,
  /** Absent keeps the current value: editing needs no right to read it. */
  value: secretValueSchema.optional(),
  comment: commentSchema,
  /** The version the editor loaded; a newer save in between is not overwritten. */
  version: z.number().int().min(1),
});
export const secretRefSchema = z.object({ ...projectRef, secretId: idSchema });

export const MAX_IMPORT_BYTES = 512 * 1024;
export const importDotenvSchema = z.object({
  ...environmentRef,
  content: z
    .string()
    .refine((text) => text.trim().length > 0, "Choose a .env file or paste its contents")
    .refine((text) => Buffer.byteLength(text, "utf8") <= MAX_IMPORT_BYTES, "Import at most 512 KiB at once"),
  overwrite: z.boolean().default(false),
});

export const secretListQuerySchema = z.object({
  env: z.string().max(63).optional().catch(undefined),
  path: secretPathSchema.catch("/"),
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type CreateEnvironmentInput = z.input<typeof createEnvironmentSchema>;
export type CreateSecretInput = z.input<typeof createSecretSchema>;
export type UpdateSecretInput = z.input<typeof updateSecretSchema>;
export type ImportDotenvInput = z.input<typeof importDotenvSchema>;
