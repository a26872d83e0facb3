import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../../../platform/db.ts";

const NONCE_LIFETIME_MS = 30 * 60_000;

/** A fresh nonce, stored so that any instance can accept it once. */
export async function issueNonce(): Promise<string> {
  const value = randomBytes(18).toString("base64url");
  await db().acmeNonce.create({ data: { value, expiresAt: new Date(Date.now() + NONCE_LIFETIME_MS) } });
  return value;
}

/** Whether the nonce was handed out and not used yet; it is used up either way. */
export async function consumeNonce(value: string): Promise<boolean> {
  const { count } = await db().acmeNonce.deleteMany({ where: { value, expiresAt: { gt: new Date() } } });
  return count === 1;
}

/** Drops nonces nobody used in time (the sweep). */
export async function pruneNonces(): Promise<number> {
  const { count } = await db().acmeNonce.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  return count;
}
