import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAuditEvent, type AuditAction, type AuditEventInput } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { NotFoundError, RefusedError, ValidationError } from "../../platform/errors.ts";
import { assertFolderExists, conditionFieldsOf, environmentBySlug, type SecretPlace } from "./places.ts";
import { createSecretSchema, secretRefSchema, updateSecretSchema } from "./schemas.ts";
import { valueCipher } from "./secret-values.ts";

/** An event about secrets in one place; its metadata says where and which keys, never a value. */
export function secretEvent(
  access: ProjectAccess,
  action: AuditAction,
  target: { type: "secret" | "environment"; id: string },
  place: SecretPlace,
  metadata: Record<string, string | number | boolean | string[]> = {},
): AuditEventInput {
  return {
    orgId: access.orgAccess.org.id,
    projectId: access.project.id,
    actorId: access.orgAccess.actor.userId,
    action,
    target,
    metadata: { environment: place.environment.slug, path: place.path, ...metadata },
    // The list shows where, not only what: "Production · /api".
    summary: `${place.environment.name} · ${place.path}`,
  };
}

export function recordSecretEvent(tx: Pick<Tx, "$executeRaw">, ...event: Parameters<typeof secretEvent>) {
  return recordAuditEvent(tx, secretEvent(...event));
}

function duplicateKey(error: unknown, key: string, place: SecretPlace): never {
  if (isUniqueViolation(error)) {
    throw ValidationError.field("key", `${key} already exists in ${place.path} of ${place.environment.name}.`);
  }
  throw error;
}

export async function createSecret(access: ProjectAccess, input: z.input<typeof createSecretSchema>): Promise<{ id: string }> {
  requireProjectType(access, "SECRET_MANAGER");
  const { environment: slug, path, key, value, comment } = createSecretSchema.parse(input);
  let place: SecretPlace | undefined;
  try {
    return await db().$transaction(async (tx) => {
      place = { environment: await environmentBySlug(tx, access, slug), path };
      access.assert("secret:create", conditionFieldsOf(place));
      await assertFolderExists(tx, place);
      const cipher = await valueCipher(tx, access.project.id);
      const id = randomUUID();
      await tx.secret.create({
        data: {
          id,
          environmentId: place.environment.id,
          path,
          key,
          comment,
          encryptedValue: cipher.seal(id, value),
          updatedById: access.orgAccess.actor.userId,
        },
      });
      await recordSecretEvent(tx, access, "secret.created", { type: "secret", id }, place, { key });
      return { id };
    });
  } catch (error) {
    if (place) duplicateKey(error, key, place);
    throw error;
  }
}

/** A secret of the actor's project, with its place; ids from other projects are not found. */
async function secretInProject(tx: Pick<Tx, "secret">, access: ProjectAccess, secretId: string) {
  const secret = await tx.secret.findFirst({
    where: { id: secretId, environment: { projectId: access.project.id } },
    select: {
      id: true,
      key: true,
      path: true,
      version: true,
      encryptedValue: true,
      environment: { select: { id: true, name: true, slug: true, position: true } },
    },
  });
  if (!secret) throw new NotFoundError();
  return { secret, place: { environment: secret.environment, path: secret.path } satisfies SecretPlace };
}

export async function updateSecret(access: ProjectAccess, input: z.input<typeof updateSecretSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  const { secretId, key, value, comment, version } = updateSecretSchema.parse(input);
  let place: SecretPlace | undefined;
  try {
    await db().$transaction(async (tx) => {
      const found = await secretInProject(tx, access, secretId);
      place = found.place;
      access.assert("secret:edit", conditionFieldsOf(place));
      const cipher = value === undefined ? null : await valueCipher(tx, access.project.id);
      const { count } = await tx.secret.updateMany({
        where: { id: secretId, version },
        data: {
          key,
          comment,
          ...(cipher && value !== undefined ? { encryptedValue: cipher.seal(secretId, value) } : {}),
          version: { increment: 1 },
          updatedById: access.orgAccess.actor.userId,
        },
      });
      if (count === 0) throw new RefusedError("Someone changed this secret after you opened it. Reload to see their changes.");
      await recordSecretEvent(tx, access, "secret.updated", { type: "secret", id: secretId }, place, {
        key,
        ...(key !== found.secret.key ? { previousKey: found.secret.key } : {}),
        valueChanged: value !== undefined,
      });
    });
  } catch (error) {
    if (place) duplicateKey(error, key, place);
    throw error;
  }
}

export async function deleteSecret(access: ProjectAccess, input: z.input<typeof secretRefSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  const { secretId } = secretRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const { secret, place } = await secretInProject(tx, access, secretId);
    access.assert("secret:delete", conditionFieldsOf(place));
    await tx.secret.delete({ where: { id: secretId } });
    await recordSecretEvent(tx, access, "secret.deleted", { type: "secret", id: secretId }, place, { key: secret.key });
  });
}

/** The plaintext value, for someone who may read it there; every reveal is on record. */
export async function revealSecretValue(access: ProjectAccess, input: z.input<typeof secretRefSchema>): Promise<{ value: string }> {
  requireProjectType(access, "SECRET_MANAGER");
  const { secretId } = secretRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { secret, place } = await secretInProject(tx, access, secretId);
    access.assert("secret:read-value", conditionFieldsOf(place));
    const cipher = await valueCipher(tx, access.project.id);
    const value = cipher.open(secret.id, secret.encryptedValue);
    await recordSecretEvent(tx, access, "secret.value-revealed", { type: "secret", id: secret.id }, place, { key: secret.key });
    return { value };
  });
}
