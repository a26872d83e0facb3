import "server-only";
import { afterResponse } from "../after-response.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { acceptTotp } from "./totp.ts";
import { useRecoveryCode } from "./recovery-codes.ts";
import { notifyRecoveryCodeUsed } from "./two-factor-mail.ts";

/** Sign-in's second step failed this way (the form says which). */
export const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
export const SECOND_FACTOR_WRONG = "SECOND_FACTOR_WRONG";
export const SECOND_FACTOR_RATE_LIMITED = "SECOND_FACTOR_RATE_LIMITED";

/** Whether the person has a confirmed second factor (sign-in then asks for it). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await db().userTwoFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/**
 * The second step, after the password was right: an authenticator code (±1 step, never
 * twice) or an unused recovery code (then audited and mailed). Limited per account and per
 * address before anything is checked, across instances.
 */
export async function checkSecondFactor(
  userId: string,
  code: string,
  ip: string,
): Promise<true | typeof SECOND_FACTOR_WRONG | typeof SECOND_FACTOR_RATE_LIMITED> {
  const limits = await Promise.all([consumeRateLimit(RATE_LIMITS.secondFactorPerAccount, userId), consumeRateLimit(RATE_LIMITS.secondFactorPerIp, ip)]);
  if (!limits.every((limit) => limit.allowed)) return SECOND_FACTOR_RATE_LIMITED;
  const cleaned = code.replace(/\s+/g, "");
  return db().$transaction(async (tx) => {
    const row = await tx.userTwoFactor.findUnique({ where: { userId }, select: { confirmedAt: true, totpSealed: true } });
    if (!row?.confirmedAt) return SECOND_FACTOR_WRONG;
    if (/^\d{6}$/.test(cleaned)) return (await acceptTotp(tx, userId, row.totpSealed, cleaned)) ? true : SECOND_FACTOR_WRONG;
    if (!(await useRecoveryCode(tx, userId, code))) return SECOND_FACTOR_WRONG;
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
