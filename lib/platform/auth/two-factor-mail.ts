import "server-only";
import { db } from "../db.ts";
import { mailConfigured, publicUrl, sendMail } from "../mail/send-mail.ts";

/** Tells the account's owner a change to their second factor was made, in case it was not them. */
export async function notifyTwoFactorChange(userId: string, what: string): Promise<void> {
  if (!mailConfigured()) return;
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (!user) return;
  await sendMail({
    to: user.email,
    subject: `Tessera: ${what}`,
    lines: [
      `Hello ${user.name},`,
      "",
      `${what} on your Tessera account.`,
      "If that was not you, change your password and sign out everywhere now:",
      publicUrl("/account"),
    ],
  });
}

export function notifyRecoveryCodeUsed(userId: string, left: number): Promise<void> {
  return notifyTwoFactorChange(userId, `A recovery code was used (${left} left)`);
}
