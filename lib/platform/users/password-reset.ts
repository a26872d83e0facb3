import "server-only";
import { afterResponse } from "../after-response.ts";
import { hashPassword } from "../auth/password.ts";
import { db } from "../db.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { publicUrl, sendMail } from "../mail/send-mail.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { signOutEverywhere } from "../auth/sessions.ts";
import { issueEmailToken, lockUsableEmailToken, markEmailTokenUsed } from "../auth/email-tokens.ts";
import { emailTokenSchema } from "../auth/schemas.ts";
import { requestPasswordResetSchema, resetPasswordSchema, type ResetPasswordInput } from "./schemas.ts";

type Account = { id: string; email: string; emailVerifiedAt: Date | null };

/**
 * Mails a one-hour link that sets a new password. `why` words the mail: the person asked,
 * or someone tried to sign up with an address that already has an account. For an account
 * nobody ever confirmed, the same link lets the mailbox's owner claim the address.
 */
async function sendPasswordMail(account: Account, why: "requested" | "sign-up-attempt"): Promise<void> {
  if (!(await consumeRateLimit(RATE_LIMITS.accountMailsPerAccount, account.id)).allowed) return;
  const token = await issueEmailToken(db(), { userId: account.id, email: account.email, purpose: "RESET_PASSWORD" });
  const link = publicUrl(`/reset-password/${token}`);
  const unclaimed = account.emailVerifiedAt === null;
  const opening =
    why === "requested"
      ? [`Someone, hopefully you, asked to set a new password for the Tessera account of ${account.email}.`]
      : [
          `Someone tried to create a Tessera account with ${account.email}, which already has one.`,
          `If it was you: sign in at ${publicUrl("/login")}, or set a new password below.`,
        ];
  const claim = unclaimed
    ? [
        ``,
        `That account was registered with your address but never confirmed. If you did not register it, the link below makes it yours: it sets your name and password and signs everyone else out.`,
      ]
    : [];
  await sendMail({
    to: account.email,
    subject: unclaimed ? "Claim your email address on Tessera" : "Set a new Tessera password",
    lines: [
      `Hello,`,
      ``,
      ...opening,
      ...claim,
      ``,
      link,
      ``,
      `The link works once and expires in an hour.`,
      `If you did nothing, ignore this mail: your password stays as it is.`,
    ],
  });
}

async function accountByEmail(email: string): Promise<Account | null> {
  return db().user.findUnique({ where: { email }, select: { id: true, email: true, emailVerifiedAt: true } });
}

/**
 * "Forgot password": answers the same whether or not the address has an account, and mails
 * only after the response has gone, so neither the words nor the timing tell.
 */
export async function requestPasswordReset(input: { email: string }, clientIp: string): Promise<void> {
  const { email } = requestPasswordResetSchema.parse(input);
  const limit = await consumeRateLimit(RATE_LIMITS.accountMailRequestsPerIp, clientIp);
  if (!limit.allowed) throw new RefusedError("Too many password resets from your network. Try again later.");
  await afterResponse(async () => {
    const account = await accountByEmail(email);
    if (account) await sendPasswordMail(account, "requested");
  });
}

/** Someone signed up with an address that has an account: its owner hears of it, with a way back in. */
export async function tellOwnerOfSignUpAttempt(email: string): Promise<void> {
  const account = await accountByEmail(email);
  if (account) await sendPasswordMail(account, "sign-up-attempt");
}

const DEAD_LINK = "This link is no longer valid: it has expired or was already used. Ask for a new one from the sign-in page.";

/** What the reset page needs: whose link it is, and whether it claims an unconfirmed address. */
export async function previewPasswordReset(token: string): Promise<{ email: string; claim: boolean } | null> {
  if (!emailTokenSchema.safeParse(token).success) return null;
  const row = await db().$transaction((tx) => lockUsableEmailToken(tx, token, "RESET_PASSWORD"));
  if (!row) return null;
  const user = await db().user.findFirst({ where: { id: row.userId, email: row.email }, select: { emailVerifiedAt: true } });
  return user ? { email: row.email, claim: user.emailVerifiedAt === null } : null;
}

/**
 * Sets the new password from a mailed link. The link proves the mailbox, so the address is
 * confirmed too; every session ends (whoever else was signed in, a squatter included), and
 * a claimed account takes the claimant's name.
 */
export async function resetPassword(input: ResetPasswordInput): Promise<{ email: string }> {
  const { token, password, name } = resetPasswordSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const row = await lockUsableEmailToken(tx, token, "RESET_PASSWORD");
    if (!row) throw new RefusedError(DEAD_LINK);
    const user = await tx.user.findFirst({ where: { id: row.userId, email: row.email }, select: { id: true, emailVerifiedAt: true } });
    if (!user) throw new RefusedError(DEAD_LINK);
    const claiming = user.emailVerifiedAt === null;
    if (claiming && !name) throw ValidationError.field("name", "Enter your name");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date(), ...(claiming && name ? { name } : {}) },
    });
    await markEmailTokenUsed(tx, row.id);
    await tx.emailToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    await signOutEverywhere({ userId: user.id }, tx);
    return { email: row.email };
  });
}
