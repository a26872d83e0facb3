import "server-only";
import { afterResponse } from "../after-response.ts";
import { db } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { mailConfigured, publicUrl, sendMail } from "../mail/send-mail.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { issueEmailToken, lockUsableEmailToken, markEmailTokenUsed } from "./email-tokens.ts";
import { confirmEmailSchema, resendConfirmationSchema } from "./schemas.ts";

/**
 * Addresses are verified when this server can send mail. Without SMTP_URL (a local,
 * single-user install) nothing can be mailed, so nothing is verified, and pages say so.
 */
export function emailVerificationRequired(): boolean {
  return mailConfigured();
}

/** Mails a link that confirms the address (a few per account per hour; more are dropped quietly). */
export async function sendVerificationMail(user: { id: string; email: string }, nextPath: string | null = null): Promise<void> {
  if (!(await consumeRateLimit(RATE_LIMITS.accountMailsPerAccount, user.id)).allowed) return;
  const token = await issueEmailToken(db(), { userId: user.id, email: user.email, purpose: "VERIFY_EMAIL", nextPath });
  await sendMail({
    to: user.email,
    subject: "Confirm your email address for Tessera",
    lines: [
      `Hello,`,
      ``,
      `Confirm that ${user.email} is your address to start using your Tessera account:`,
      publicUrl(`/verify-email/${token}`),
      ``,
      `The link works once and expires in 24 hours.`,
      `If you did not create an account, ignore this mail: nothing happens without the link.`,
    ],
  });
}

const DEAD_LINK = "This confirmation link is no longer valid: it has expired or was already used. Sign in and we will send a new one.";

/** The mailbox answered: the account's address is confirmed. Single use. */
export async function confirmEmail(input: { token: string }): Promise<{ email: string; nextPath: string | null }> {
  const parsed = confirmEmailSchema.safeParse(input);
  if (!parsed.success) throw new RefusedError(DEAD_LINK);
  return db().$transaction(async (tx) => {
    const token = await lockUsableEmailToken(tx, parsed.data.token, "VERIFY_EMAIL");
    if (!token) throw new RefusedError(DEAD_LINK);
    // A token proves the mailbox it went to; an account since moved to another address is not confirmed by it.
    const { count } = await tx.user.updateMany({ where: { id: token.userId, email: token.email }, data: { emailVerifiedAt: new Date() } });
    if (count === 0) throw new RefusedError(DEAD_LINK);
    await markEmailTokenUsed(tx, token.id);
    return { email: token.email, nextPath: token.nextPath };
  });
}

/** What the confirmation page shows before anything happens (mail scanners open links too). */
export async function previewEmailConfirmation(token: string): Promise<{ email: string } | null> {
  const parsed = confirmEmailSchema.safeParse({ token });
  if (!parsed.success) return null;
  const row = await db().$transaction((tx) => lockUsableEmailToken(tx, parsed.data.token, "VERIFY_EMAIL"));
  return row ? { email: row.email } : null;
}

/**
 * "Send the link again" from the check-your-inbox panel: the same answer whatever the
 * address, and the mail (to an unconfirmed account only) goes after the response.
 */
export async function resendConfirmation(input: { email: string }, clientIp: string): Promise<void> {
  const { email } = resendConfirmationSchema.parse(input);
  if (!(await consumeRateLimit(RATE_LIMITS.accountMailRequestsPerIp, clientIp)).allowed) {
    throw new RefusedError("Too many requests from your network. Try again later.");
  }
  await afterResponse(async () => {
    const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, emailVerifiedAt: true } });
    if (user && !user.emailVerifiedAt) await sendVerificationMail(user);
  });
}
