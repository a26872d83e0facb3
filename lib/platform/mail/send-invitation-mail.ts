import "server-only";
import { oneLine } from "../display-names.ts";
import { quoted } from "./quoted.ts";
import { mailConfigured, sendMail, type MailOutcome } from "./send-mail.ts";

type InvitationMail = {
  to: string;
  orgName: string;
  inviterName: string;
  roleLabel: string;
  /** One per project role granted on accept. */
  projectRoles: Array<{ roleLabel: string; projectName: string }>;
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
    // Quotes in a subject are encoded (RFC 2047) and show as such in some clients: one line is enough there.
    subject: `${oneLine(mail.inviterName)} invited you to ${oneLine(mail.orgName)} on Tessera`,
    lines: [
      `Hello,`,
      ``,
      `${quoted(mail.inviterName)} invited you to join ${quoted(mail.orgName)} on Tessera as ${quoted(mail.roleLabel)}.`,
      ...(mail.projectRoles.length > 0
        ? [``, `You will also join these projects:`, ...mail.projectRoles.map((offer) => `- ${quoted(offer.roleLabel)} in ${quoted(offer.projectName)}`)]
        : []),
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
