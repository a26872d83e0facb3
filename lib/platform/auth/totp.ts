import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Actor } from "./actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { openWithRootKey, sealWithRootKey } from "../kms/data-keys.ts";
import { firstFactorRecoveryCodes } from "./recovery-codes.ts";
import { notifyTwoFactorChange } from "./two-factor-mail.ts";
import { afterResponse } from "../after-response.ts";
import { totpCodeSchema } from "./two-factor-schemas.ts";

const ISSUER = "Tessera";
/** ±1 step of 30 s: a phone a little fast or slow still signs in (RFC 6238 §5.2). */
const EPOCH_TOLERANCE = 30;

const context = (userId: string) => `totp:${userId}`;

/** What the account page shows while enrolling: the key to type, and the same as a QR code. */
export type TotpEnrolment = { secret: string; uri: string; qrSvg: string };

/**
 * Starts (or restarts) enrolling an authenticator app: a new shared key, sealed, not yet a
 * second factor. Refused once one is confirmed (remove it first).
 */
export async function startTotpEnrolment(actor: Actor): Promise<TotpEnrolment> {
  const existing = await db().userTwoFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) throw new RefusedError("An authenticator app is already set up. Remove it first to set up another.");
  const secret = generateSecret();
  const totpSealed = new Uint8Array(sealWithRootKey(Buffer.from(secret), context(actor.userId)));
  await db().userTwoFactor.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, totpSealed },
    update: { totpSealed, lastTimeStep: null },
  });
  return enrolmentOf(actor, secret);
}

/** The pending enrolment's key again (a page refresh keeps the same key until confirmed). */
export async function pendingTotpEnrolment(actor: Actor): Promise<TotpEnrolment | null> {
  const row = await db().userTwoFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true, totpSealed: true } });
  if (!row || row.confirmedAt) return null;
  return enrolmentOf(actor, openWithRootKey(row.totpSealed, context(actor.userId)).toString());
}

async function enrolmentOf(actor: Actor, secret: string): Promise<TotpEnrolment> {
  const uri = generateURI({ issuer: ISSUER, label: actor.email, secret });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

/**
 * Confirms the authenticator with a code from it: from then on sign-in asks for a second
 * step. As the account's first second factor it makes the 10 recovery codes, shown once.
 */
export async function confirmTotpEnrolment(actor: Actor, input: { code: string }): Promise<{ recoveryCodes: string[] | null }> {
  const code = totpCodeSchema.parse(input.code);
  return db()
    .$transaction(async (tx) => {
      const row = await tx.userTwoFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true, totpSealed: true } });
      if (!row) throw new RefusedError("Start setting up an authenticator app first.");
      if (row.confirmedAt) throw new RefusedError("This authenticator app is already set up.");
      if (!(await acceptTotp(tx, actor.userId, row.totpSealed, code))) {
        throw ValidationError.field("code", "That code is not right. Enter the current 6-digit code from the app.");
      }
      const recoveryCodes = await firstFactorRecoveryCodes(tx, actor.userId);
      await tx.userTwoFactor.update({ where: { userId: actor.userId }, data: { confirmedAt: new Date() } });
      await recordAuditEvent(tx, { orgId: null, actorId: actor.userId, action: "account.two-factor-enabled", target: { type: "user", id: actor.userId } });
      return { recoveryCodes };
    })
    .then(async (result) => {
      await afterResponse(() => notifyTwoFactorChange(actor.userId, "An authenticator app was set up for two-factor sign-in"));
      return result;
    });
}

/**
 * Whether `code` is a current code of the user's authenticator (±1 step), never one accepted
 * before: the step it matched is stored, and only later steps count from then on. The row is
 * locked, so the same code sent twice at once is accepted once.
 */
export async function acceptTotp(tx: Tx, userId: string, sealed: Uint8Array, code: string): Promise<boolean> {
  const [locked] = await tx.$queryRaw<Array<{ last_time_step: bigint | null }>>`
    SELECT last_time_step FROM user_two_factor WHERE user_id = ${userId}::uuid FOR UPDATE`;
  const secret = openWithRootKey(sealed, context(userId)).toString();
  const afterTimeStep = locked?.last_time_step === null || locked?.last_time_step === undefined ? undefined : Number(locked.last_time_step);
  const result = await verify({ secret, token: code, epochTolerance: EPOCH_TOLERANCE, ...(afterTimeStep === undefined ? {} : { afterTimeStep }) }).catch(
    () => ({
      valid: false as const,
    }),
  );
  if (!result.valid || !("timeStep" in result)) return false;
  await tx.userTwoFactor.update({ where: { userId }, data: { lastTimeStep: BigInt(result.timeStep) } });
  return true;
}
