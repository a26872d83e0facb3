import "server-only";
import { mailConfigured, sendMail, type MailOutcome } from "./send-mail.ts";

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

/**
 * Sends the plain-text invitation mail over SMTP when SMTP_URL is set. Never throws: a
 * failed send leaves the invitation in place, and the caller shows what happened.
 */
export async function sendInvitationMail(mail: InvitationMail): Promise<MailOutcome> {
  if (!mailConfigured()) {
    console.info(`Invitation for ${mail.to} (no SMTP_URL set, so not mailed): ${mail.link}`);
    return { sent: false, reason: "Mail is not set up: copy the link and send it yourself." };
  }
  const expires = mail.expiresAt.toUTCString();
  const outcome = await sendMail({
    to: mail.to,
    subject: `${mail.inviterName} invited you to ${mail.orgName} on Tessera`,
    lines: [
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
    ],
  });
  return outcome.sent ? outcome : { sent: false, reason: "The mail could not be sent: copy the link and send it yourself." };
}
