import "server-only";
import nodemailer from "nodemailer";
import { env } from "../env.ts";

export type MailOutcome = { sent: true } | { sent: false; reason: string };

/** Whether this server can mail people: without SMTP_URL it cannot, and says so where it matters. */
export function mailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

/** The console's public address, for links that leave it (mail). */
export function publicUrl(path: string): string {
  return new URL(path, env().NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

/** Sends one plain-text mail over SMTP. Never throws: callers decide what a failure means. */
export async function sendMail(mail: { to: string; subject: string; lines: string[] }): Promise<MailOutcome> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return { sent: false, reason: "Mail is not set up." };
  try {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.lines.join("\n") });
    return { sent: true };
  } catch (error) {
    console.error(`Sending "${mail.subject}" to ${mail.to} failed`, error);
    return { sent: false, reason: "The mail could not be sent." };
  }
}
