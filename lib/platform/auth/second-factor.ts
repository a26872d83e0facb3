import "server-only";
import { afterResponse } from "../after-response.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { currentRequestContext } from "../audit/request-context.ts";
import { db } from "../db.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { acceptPasskey } from "./passkeys.ts";
import { acceptTotp } from "./totp.ts";
import { useRecoveryCode } from "./recovery-codes.ts";
import { hasSecondFactorIn } from "./second-factor-sql.ts";
import { notifyRecoveryCodeUsed } from "./two-factor-mail.ts";
import type { SecondFactorProof } from "./two-factor-schemas.ts";

/** Sign-in's second step failed this way (the form says which). */
export const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
export const SECOND_FACTOR_WRONG = "SECOND_FACTOR_WRONG";
export const SECOND_FACTOR_RATE_LIMITED = "SECOND_FACTOR_RATE_LIMITED";

/** Whether the person has a second factor (a confirmed authenticator app or a passkey): sign-in then asks for it. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return hasSecondFactorIn(db(), userId);
}

/**
 * The second factor, proven now: at sign-in after the password, for a step-up, or before
 * changing the factors themselves. An authenticator code (±1 step, never twice), a passkey
 * signing a challenge handed out for it (once), or an unused recovery code (then audited and
 * mailed). Limited per account and per address before anything is checked, across instances.
 */
export async function checkSecondFactor(
  userId: string,
  proof: SecondFactorProof,
  ip: string,
): Promise<true | typeof SECOND_FACTOR_WRONG | typeof SECOND_FACTOR_RATE_LIMITED> {
  const limits = await Promise.all([consumeRateLimit(RATE_LIMITS.secondFactorPerAccount, userId), consumeRateLimit(RATE_LIMITS.secondFactorPerIp, ip)]);
  if (!limits.every((limit) => limit.allowed)) return SECOND_FACTOR_RATE_LIMITED;
  return db().$transaction(async (tx) => {
    if ("passkey" in proof) return (await acceptPasskey(tx, userId, proof.passkey)) ? true : SECOND_FACTOR_WRONG;
    const cleaned = proof.code.replace(/\s+/g, "");
    if (/^\d{6}$/.test(cleaned)) {
      const row = await tx.userTwoFactor.findUnique({ where: { userId }, select: { confirmedAt: true, totpSealed: true } });
      return row?.confirmedAt && (await acceptTotp(tx, userId, row.totpSealed, cleaned)) ? true : SECOND_FACTOR_WRONG;
    }
    if (!(await useRecoveryCode(tx, userId, proof.code))) return SECOND_FACTOR_WRONG;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAuditEvent(tx, {
      orgId: null,
      actorId: userId,
      action: "account.recovery-code-used",
      target: { type: "user", id: userId },
      metadata: { left, ip },
    });
    await afterResponse(() => notifyRecoveryCodeUsed(userId, left));
    return true;
  });
}

/**
 * For a signed-in person: proves a second factor now or throws what the form shows. Changing
 * the factors and stepping up ask for it, rate-limited like sign-in: a session left open is
 * not enough.
 */
export async function requireSecondFactorNow(userId: string, proof: SecondFactorProof): Promise<void> {
  const result = await checkSecondFactor(userId, proof, currentRequestContext()?.ip ?? "unknown");
  if (result === SECOND_FACTOR_RATE_LIMITED) throw new RefusedError("Too many codes tried. Wait a few minutes, then try again.");
  if (result !== true) {
    throw "passkey" in proof
      ? new RefusedError("That passkey could not be verified. Try again.")
      : ValidationError.field("code", "That code is not right. Enter a current code from the app, or a recovery code.");
  }
}
