import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { hasSecondFactorIn } from "./second-factor-sql.ts";

export const RECOVERY_CODE_COUNT = 10;

/** Lower-case letters and digits without look-alikes (no 0/o, 1/l/i). */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newCode(): string {
  const bytes = randomBytes(10);
  const letters = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** How a code is kept: its SHA-256 (the codes are random, so no slow hash is needed). */
export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(code.trim().toLowerCase()).digest("hex");
}

/** Ten new codes for the user, the old ones deleted (they die at once); returned to show once. */
export async function newRecoveryCodes(tx: Pick<Tx, "recoveryCode">, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })) });
  return codes;
}

/** Uses one recovery code: true once, for a code of this user's not used before. */
export async function useRecoveryCode(tx: Pick<Tx, "recoveryCode">, userId: string, code: string): Promise<boolean> {
  const used = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: recoveryCodeHash(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

/**
 * Recovery codes belong to two-factor sign-in as a whole, not to one factor: the first factor
 * added makes them (returned to show once); later ones keep the codes there are. Call before
 * the new factor is written.
 */
export async function firstFactorRecoveryCodes(tx: Pick<Tx, "$queryRaw" | "recoveryCode">, userId: string): Promise<string[] | null> {
  return (await hasSecondFactorIn(tx, userId)) ? null : newRecoveryCodes(tx, userId);
}

/**
 * After a factor was deleted in `tx`: with none left, two-factor sign-in is off, so the
 * recovery codes go too, unless an org of theirs requires it (then the removal is refused
 * and the transaction rolls back).
 */
export async function afterFactorRemoved(tx: Pick<Tx, "$queryRaw" | "recoveryCode" | "organization">, userId: string): Promise<void> {
  if (await hasSecondFactorIn(tx, userId)) return;
  const requiring = await tx.organization.findMany({
    where: { requireTwoFactor: true, memberships: { some: { userId } } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (requiring.length > 0) {
    const names = requiring.map((org) => org.name).join(", ");
    throw new RefusedError(`${names} ${requiring.length === 1 ? "requires" : "require"} two-factor sign-in: keep a second factor, or leave first.`);
  }
  await tx.recoveryCode.deleteMany({ where: { userId } });
}
