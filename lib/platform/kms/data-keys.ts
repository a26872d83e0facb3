import "server-only";
import { db, type Tx } from "../db.ts";
import { env } from "../env.ts";
import { RefusedError } from "../errors.ts";
import { newKey, open, parseKey, seal, TamperedError } from "./envelope.ts";

/**
 * The server cannot open secrets: the root key is missing, malformed, or not the one the
 * data keys were sealed with. An operator's problem, said plainly, never garbage values.
 */
export class RootKeyError extends RefusedError {}

const NOT_SET =
  "ROOT_ENCRYPTION_KEY is not set, so secret values cannot be encrypted or read. Set it to the key this database's secrets were sealed with (32 bytes, base64 or hex).";
const MALFORMED = "ROOT_ENCRYPTION_KEY must be 32 bytes written as 64 hex digits or base64 (openssl rand -base64 32).";
const WRONG_KEY = "ROOT_ENCRYPTION_KEY is not the key this database's secrets were sealed with. Restore the original key: secrets cannot be read without it.";

function rootKey(): Buffer {
  const text = env().ROOT_ENCRYPTION_KEY;
  if (!text) throw new RootKeyError(NOT_SET);
  const key = parseKey(text);
  if (!key) throw new RootKeyError(MALFORMED);
  return key;
}

const dataKeyContext = (projectId: string) => `tessera:project-data-key:${projectId}`;

/** A project's data key, opened from its sealed form with the root key. */
export function unseal(projectId: string, encryptedKey: Uint8Array): Buffer {
  try {
    return open(rootKey(), encryptedKey, dataKeyContext(projectId));
  } catch (error) {
    if (error instanceof TamperedError) throw new RootKeyError(WRONG_KEY);
    throw error;
  }
}

/**
 * The project's data key, created on first use. Two first uses at once both insert; the
 * unique project id keeps one, and both read that one back.
 */
export async function projectDataKey(tx: Pick<Tx, "projectDataKey">, projectId: string): Promise<Buffer> {
  const existing = await tx.projectDataKey.findUnique({ where: { projectId }, select: { encryptedKey: true } });
  if (existing) return unseal(projectId, existing.encryptedKey);
  const encryptedKey = seal(rootKey(), newKey(), dataKeyContext(projectId));
  await tx.projectDataKey.createMany({ data: [{ projectId, encryptedKey: Uint8Array.from(encryptedKey) }], skipDuplicates: true });
  const stored = await tx.projectDataKey.findUniqueOrThrow({ where: { projectId }, select: { encryptedKey: true } });
  return unseal(projectId, stored.encryptedKey);
}

/**
 * At start-up: when the database already holds sealed data keys, the configured root key
 * must open them. Throws the same plain message a request would get, but before any does.
 */
export async function verifyRootKey(): Promise<void> {
  const oldest = await db().projectDataKey.findFirst({ orderBy: { createdAt: "asc" }, select: { projectId: true, encryptedKey: true } });
  if (oldest) unseal(oldest.projectId, oldest.encryptedKey);
  else if (env().ROOT_ENCRYPTION_KEY) rootKey();
}

/**
 * A small per-user secret (an authenticator's shared key) sealed with the root key itself,
 * bound to `context` (its kind and owner): a box copied to another user does not open.
 */
export function sealWithRootKey(plaintext: Buffer, context: string): Buffer {
  return seal(rootKey(), plaintext, `tessera:${context}`);
}

export function openWithRootKey(box: Uint8Array, context: string): Buffer {
  try {
    return open(rootKey(), box, `tessera:${context}`);
  } catch (error) {
    if (error instanceof TamperedError) throw new RootKeyError(WRONG_KEY);
    throw error;
  }
}
