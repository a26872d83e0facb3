import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation } from "../../platform/db.ts";
import { RefusedError, ValidationError } from "../../platform/errors.ts";
import { formatDotenv, parseDotenv, type DotenvExport } from "./dotenv.ts";
import { assertFolderExists, conditionFieldsOf, environmentBySlug } from "./places.ts";
import { folderRefSchema, importDotenvSchema, secretKeySchema, secretValueSchema } from "./schemas.ts";
import { recordSecretEvent } from "./secrets.ts";
import { valueCipher } from "./secret-values.ts";

export type ImportSummary = { created: number; updated: number; skipped: number };

/** Problems found in the file, each with its line, as one message at the file field. */
function readEntries(content: string) {
  const { entries, errors } = parseDotenv(content);
  const seen = new Map<string, number>();
  for (const entry of entries) {
    if (!secretKeySchema.safeParse(entry.key).success) {
      errors.push(`Line ${entry.line}: ${entry.key} is not a valid key (letters, digits and underscores, not starting with a digit).`);
    } else if (!secretValueSchema.safeParse(entry.value).success) {
      errors.push(`Line ${entry.line}: the value of ${entry.key} is over 64 KiB.`);
    }
    const earlier = seen.get(entry.key);
    if (earlier !== undefined) errors.push(`Line ${entry.line}: ${entry.key} is already set on line ${earlier}.`);
    seen.set(entry.key, entry.line);
  }
  if (errors.length > 0) throw ValidationError.field("content", errors.slice(0, 5).join(" ") + (errors.length > 5 ? ` …and ${errors.length - 5} more.` : ""));
  if (entries.length === 0) throw ValidationError.field("content", "The file has no KEY=value lines.");
  if (entries.length > 1000) throw ValidationError.field("content", "Import at most 1,000 secrets at once.");
  return entries;
}

/**
 * Imports a .env file into one folder in one transaction: it needs secret:create there, and
 * secret:edit too when asked to replace existing keys. All of it lands, or none.
 */
export async function importDotenv(access: ProjectAccess, input: z.input<typeof importDotenvSchema>): Promise<ImportSummary> {
  requireProjectType(access, "SECRET_MANAGER");
  const { environment: slug, path, content, overwrite } = importDotenvSchema.parse(input);
  const entries = readEntries(content);
  try {
    return await db().$transaction(async (tx) => {
      const place = { environment: await environmentBySlug(tx, access, slug), path };
      // Every key may be new (and, with overwrite, may be replaced): decide before looking,
      // so that a refusal never depends on, and so never tells, which keys exist there.
      access.assert("secret:create", conditionFieldsOf(place));
      if (overwrite) access.assert("secret:edit", conditionFieldsOf(place));
      await assertFolderExists(tx, place);
      const existing = await tx.secret.findMany({
        where: { environmentId: place.environment.id, path, key: { in: entries.map((entry) => entry.key) } },
        select: { id: true, key: true },
      });
      const idOf = new Map(existing.map((secret) => [secret.key, secret.id]));
      const fresh = entries.filter((entry) => !idOf.has(entry.key));
      const replacing = overwrite ? entries.filter((entry) => idOf.has(entry.key)) : [];
      const cipher = await valueCipher(tx, access.project.id);
      const actorId = access.orgAccess.actor.userId;
      const created = fresh.map((entry) => {
        const id = randomUUID();
        return { id, environmentId: place.environment.id, path, key: entry.key, encryptedValue: cipher.seal(id, entry.value), updatedById: actorId };
      });
      await tx.secret.createMany({ data: created });
      for (const entry of replacing) {
        const id = idOf.get(entry.key) ?? "";
        await tx.secret.update({ where: { id }, data: { encryptedValue: cipher.seal(id, entry.value), version: { increment: 1 }, updatedById: actorId } });
      }
      const summary = { created: fresh.length, updated: replacing.length, skipped: entries.length - fresh.length - replacing.length };
      await recordSecretEvent(tx, access, "secret.imported", { type: "environment", id: place.environment.id }, place, {
        ...summary,
        keys: entries.slice(0, 100).map((entry) => entry.key),
      });
      return summary;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RefusedError("Someone added some of these keys while you were importing. Import again.");
    throw error;
  }
}

/** The folder's secrets as a .env file, for someone who may read their values there; on record. */
export async function exportDotenv(
  access: ProjectAccess,
  input: z.input<typeof folderRefSchema>,
): Promise<{ filename: string; content: string; count: number; unwritable: DotenvExport["unwritable"] }> {
  requireProjectType(access, "SECRET_MANAGER");
  const { environment: slug, path } = folderRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const place = { environment: await environmentBySlug(tx, access, slug), path };
    access.assert("secret:describe", conditionFieldsOf(place));
    access.assert("secret:read-value", conditionFieldsOf(place));
    const secrets = await tx.secret.findMany({
      where: { environmentId: place.environment.id, path },
      orderBy: { key: "asc" },
      select: { id: true, key: true, encryptedValue: true },
    });
    const cipher = await valueCipher(tx, access.project.id);
    const { content, unwritable } = formatDotenv(secrets.map((secret) => ({ key: secret.key, value: cipher.open(secret.id, secret.encryptedValue) })));
    const count = secrets.length - unwritable.length;
    await recordSecretEvent(tx, access, "secret.exported", { type: "environment", id: place.environment.id }, place, { count });
    const folder = path === "/" ? "" : path.slice(1).replaceAll("/", "-") + "-";
    return { filename: `${access.project.slug}-${place.environment.slug}-${folder}secrets.env`, content, count, unwritable };
  });
}
