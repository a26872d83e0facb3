import "server-only";
import { z } from "zod";
import type { ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, preparedQuery } from "../../../platform/db.ts";
import { ApiRefusal } from "../../../platform/identities/universal-auth.ts";
import { canAt, type SecretPlace } from "../places.ts";
import { secretKeySchema, secretPathSchema } from "../schemas.ts";
import { recordReadAuditEvent } from "../../../platform/audit/record-audit-event.ts";
import { createSecret, deleteSecret, secretEvent, updateSecret } from "../secrets.ts";
import { cipherWith } from "../secret-values.ts";
import { unseal } from "../../../platform/kms/data-keys.ts";
import { Prisma } from "../../../generated/prisma/client.ts";

/**
 * The secrets API in Infisical's shape (`/api/v3/secrets/raw`), so that Infisical's SDK and
 * tools work against Tessera unchanged. Every check is the UI's: the same catalogue and
 * conditions (environment, secretPath), deny rules, and describe versus read-value.
 */

/** Flags arrive as query strings ("true"/"false") or JSON booleans; unknown ones are ignored. */
const flag = (fallback: boolean) =>
  z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((value) => (value === undefined ? fallback : value === true || value === "true"));

const locationSchema = z.object({
  workspaceId: z.string().optional(),
  projectId: z.string().optional(),
  environment: z.string({ error: "environment is required" }).trim().min(1, "environment is required").max(63),
  secretPath: secretPathSchema,
});

export const listSecretsQuerySchema = locationSchema.extend({ recursive: flag(false), viewSecretValue: flag(true) });
export const getSecretQuerySchema = locationSchema.extend({ viewSecretValue: flag(true) });
export const createSecretBodySchema = locationSchema.extend({
  secretValue: z.string({ error: "secretValue is required" }),
  secretComment: z.string().max(1000).optional().default(""),
});
export const updateSecretBodySchema = locationSchema.extend({
  secretValue: z.string().optional(),
  secretComment: z.string().max(1000).optional(),
  newSecretName: secretKeySchema.optional(),
});
export const deleteSecretBodySchema = locationSchema;

type RawSecret = {
  id: string;
  _id: string;
  workspace: string;
  environment: string;
  version: number;
  type: "shared";
  secretKey: string;
  secretValue: string;
  secretValueHidden: boolean;
  secretComment: string;
  secretPath: string;
  tags: [];
  skipMultilineEncoding: false;
  createdAt: string;
  updatedAt: string;
};

async function environmentOf(access: ProjectAccess, slug: string) {
  if (access.project.type !== "SECRET_MANAGER") throw new ApiRefusal(404, "Project not found");
  const environment = await db().environment.findUnique({
    where: { projectId_slug: { projectId: access.project.id, slug } },
    select: { id: true, name: true, slug: true, position: true },
  });
  if (!environment) throw new ApiRefusal(404, `Environment ${slug} not found`);
  return environment;
}

type SecretRow = { id: string; key: string; path: string; comment: string; version: number; createdAt: Date; updatedAt: Date; encryptedValue: Uint8Array };

/**
 * An environment of the project, its secrets that `filter` picks, and the project's sealed
 * data key, in one statement (one snapshot, one round trip: the API's reads are its hot path).
 * Unknown environments are 404; a place the identity may not describe is 403.
 */
async function secretsAt(access: ProjectAccess, environmentSlug: string, path: string, filter: Prisma.Sql) {
  if (access.project.type !== "SECRET_MANAGER") throw new ApiRefusal(404, "Project not found");
  const rows = await preparedQuery<
    { env_id: string; env_name: string; env_slug: string; env_position: number; encrypted_key: Uint8Array | null } & (
      | { id: string; key: string; path: string; comment: string; version: number; created_at: Date; updated_at: Date; encrypted_value: Uint8Array }
      | { id: null }
    )
  >(Prisma.sql`
    SELECT e.id AS env_id, e.name AS env_name, e.slug AS env_slug, e.position AS env_position, k.encrypted_key,
           s.id, s.key, s.path, s.comment, s.version, s.created_at, s.updated_at, s.encrypted_value
      FROM environments e
      LEFT JOIN project_data_keys k ON k.project_id = e.project_id
      LEFT JOIN secrets s ON s.environment_id = e.id AND ${filter}
     WHERE e.project_id = ${access.project.id}::uuid AND e.slug = ${environmentSlug}
     ORDER BY s.path, s.key`);
  const first = rows[0];
  if (!first) throw new ApiRefusal(404, `Environment ${environmentSlug} not found`);
  const environment = { id: first.env_id, name: first.env_name, slug: first.env_slug, position: first.env_position };
  const place: SecretPlace = { environment, path };
  if (!canAt(access, "secret:describe", place)) throw new ApiRefusal(403, `Your roles do not let you read secrets in ${place.path} of ${environment.slug}`);
  const secrets: SecretRow[] = rows.flatMap((row) =>
    row.id === null
      ? []
      : [
          {
            id: row.id,
            key: row.key,
            path: row.path,
            comment: row.comment,
            version: row.version,
            createdAt: row.created_at,
            updatedAt: row.updated_at,
            encryptedValue: row.encrypted_value,
          },
        ],
  );
  // Opened only when a value is to be shown; a project with no secrets may have no key yet.
  const cipher = () => {
    if (!first.encrypted_key) throw new Error(`project ${access.project.id} has secrets but no data key`);
    return cipherWith(unseal(access.project.id, first.encrypted_key));
  };
  return { environment, place, secrets, cipher };
}

/**
 * The secrets of a folder (and, with `recursive`, of the folders under it) the identity may
 * describe; values only where it may read them, else `secretValueHidden`. The folder itself
 * must be describable: otherwise 403. Every read is one audit event, keys and no values,
 * written before the values are answered.
 */
export async function listSecretsRaw(access: ProjectAccess, input: z.input<typeof listSecretsQuerySchema>): Promise<{ secrets: RawSecret[]; imports: [] }> {
  const query = listSecretsQuerySchema.parse(input);
  const prefix = query.secretPath === "/" ? "/" : `${query.secretPath}/`;
  const below = query.recursive ? Prisma.sql`OR starts_with(s.path, ${prefix})` : Prisma.empty;
  const {
    environment,
    place,
    secrets: rows,
    cipher,
  } = await secretsAt(access, query.environment, query.secretPath, Prisma.sql`(s.path = ${query.secretPath} ${below})`);
  let opened: ReturnType<typeof cipherWith> | undefined;
  const secrets = rows
    .filter((row) => canAt(access, "secret:describe", { environment, path: row.path }))
    .map((row) => {
      const readable = query.viewSecretValue && canAt(access, "secret:read-value", { environment, path: row.path });
      return rawSecret(access, environment.slug, row, readable ? (opened ??= cipher()).open(row.id, row.encryptedValue) : null);
    });
  await recordReadAuditEvent(
    secretEvent(access, "secret.read-via-api", { type: "environment", id: environment.id }, place, {
      keys: secrets.map((secret) => secret.secretKey).slice(0, 100),
      count: secrets.length,
      withValues: secrets.filter((secret) => !secret.secretValueHidden).length,
    }),
  );
  return { secrets, imports: [] };
}

export async function getSecretRaw(access: ProjectAccess, secretName: string, input: z.input<typeof getSecretQuerySchema>): Promise<{ secret: RawSecret }> {
  const query = getSecretQuerySchema.parse(input);
  return oneSecret(access, secretKeyOf(secretName), query.environment, query.secretPath, query.viewSecretValue, true);
}

/**
 * One secret as the API shows it, where the identity may describe it. A read is recorded as
 * one; after a write (which the write's own event records) `recordRead` is false.
 */
async function oneSecret(
  access: ProjectAccess,
  key: string,
  environmentSlug: string,
  path: string,
  viewValue: boolean,
  recordRead: boolean,
): Promise<{ secret: RawSecret }> {
  const { environment, place, secrets, cipher } = await secretsAt(access, environmentSlug, path, Prisma.sql`s.path = ${path} AND s.key = ${key}`);
  const row = secrets[0];
  if (!row) throw new ApiRefusal(404, `Secret ${key} not found in ${place.path} of ${environment.slug}`);
  const readable = viewValue && canAt(access, "secret:read-value", place);
  const value = readable ? cipher().open(row.id, row.encryptedValue) : null;
  if (recordRead)
    await recordReadAuditEvent(
      secretEvent(access, "secret.read-via-api", { type: "secret", id: row.id }, place, { key, count: 1, withValues: readable ? 1 : 0 }),
    );
  return { secret: rawSecret(access, environment.slug, row, value) };
}

function secretKeyOf(name: string): string {
  const parsed = secretKeySchema.safeParse(name);
  if (!parsed.success) throw new ApiRefusal(422, `secretName: ${parsed.error.issues[0]?.message ?? "not a valid key"}`);
  return parsed.data;
}

function rawSecret(
  access: ProjectAccess,
  environment: string,
  row: { id: string; key: string; path: string; comment: string; version: number; createdAt: Date; updatedAt: Date },
  value: string | null,
): RawSecret {
  return {
    id: row.id,
    _id: row.id,
    workspace: access.project.id,
    environment,
    version: row.version,
    type: "shared",
    secretKey: row.key,
    secretValue: value ?? "",
    secretValueHidden: value === null,
    secretComment: row.comment,
    secretPath: row.path,
    tags: [],
    skipMultilineEncoding: false,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const refOf = (access: ProjectAccess) => ({ orgSlug: access.orgAccess.org.slug, projectSlug: access.project.slug });

/** Writes go through the same domain functions as the console: checks, audit, optimistic versions. */
export async function createSecretRaw(access: ProjectAccess, secretName: string, input: z.input<typeof createSecretBodySchema>) {
  const body = createSecretBodySchema.parse(input);
  const key = secretKeyOf(secretName);
  await environmentOf(access, body.environment);
  await createSecret(access, {
    ...refOf(access),
    environment: body.environment,
    path: body.secretPath,
    key,
    value: body.secretValue,
    comment: body.secretComment,
  });
  return oneSecret(access, key, body.environment, body.secretPath, true, false);
}

export async function updateSecretRaw(access: ProjectAccess, secretName: string, input: z.input<typeof updateSecretBodySchema>) {
  const body = updateSecretBodySchema.parse(input);
  const key = secretKeyOf(secretName);
  const { secret } = await oneSecret(access, key, body.environment, body.secretPath, false, false);
  const newKey = body.newSecretName ?? key;
  await updateSecret(access, {
    ...refOf(access),
    secretId: secret.id,
    key: newKey,
    value: body.secretValue,
    comment: body.secretComment ?? secret.secretComment,
    version: secret.version,
  });
  return oneSecret(access, newKey, body.environment, body.secretPath, true, false);
}

export async function deleteSecretRaw(access: ProjectAccess, secretName: string, input: z.input<typeof deleteSecretBodySchema>) {
  const body = deleteSecretBodySchema.parse(input);
  const { secret } = await oneSecret(access, secretKeyOf(secretName), body.environment, body.secretPath, false, false);
  await deleteSecret(access, { ...refOf(access), secretId: secret.id });
  return { secret };
}
