import "server-only";
import nodemailer from "nodemailer";
import { env } from "../env.ts";

export type MailOutcome = { sent: true } | { sent: false; reason: string };

type InvitationMail = {
  to: string;
  orgName: string;
  inviterName: string;
  roleLabel: string;
  /** "Member in Payments API", one per project role granted on accept. */
  projectRoleLines: string[];
  link: string;
  expiresAt: Date;
};

/** The console's public address, for links that leave it (mail). */
export function publicUrl(path: string): string {
  return new URL(path, env().NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

/**
 * Sends the plain-text invitation mail over SMTP when SMTP_URL is set. Never throws: a
 * failed send leaves the invitation in place, and the caller shows what happened.
 */
export async function sendInvitationMail(mail: InvitationMail): Promise<MailOutcome> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    console.info(`Invitation for ${mail.to} (no SMTP_URL set, so not mailed): ${mail.link}`);
    return { sent: false, reason: "Mail is not set up: copy the link and send it yourself." };
  }
  const expires = mail.expiresAt.toUTCString();
  try {
    await nodemailer.createTransport(SMTP_URL).sendMail({
      from: MAIL_FROM,
      to: mail.to,
      subject: `${mail.inviterName} invited you to ${mail.orgName} on Tessera`,
      text: [
        `Hello,`,
        ``,
        `${mail.inviterName} invited you to join ${mail.orgName} on Tessera as ${mail.roleLabel}.`,
        ...(mail.projectRoleLines.length > 0 ? [``, `You will also join these projects:`, ...mail.projectRoleLines.map((line) => `- ${line}`)] : []),
        ``,
        `Accept the invitation:`,
        mail.link,
        ``,
        `The link works once and expires on ${expires}.`,
        `If you did not expect this invitation, you can ignore this mail.`,
      ].join("\n"),
    });
    return { sent: true };
  } catch (error) {
    console.error(`Sending the invitation mail to ${mail.to} failed`, error);
    return { sent: false, reason: "The mail could not be sent: copy the link and send it yourself." };
  }
}
