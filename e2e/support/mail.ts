import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "../../scripts/lib/state-dir";

/** Waits for the mail the e2e SMTP listener received for `to`, and returns its text. */
export async function waitForMail(to: string): Promise<string> {
  let found = "";
  await expect
    .poll(
      () => {
        const files = readdirSync(E2E_MAIL_DIR).sort();
        for (const file of files) {
          const text = readFileSync(path.join(E2E_MAIL_DIR, file), "utf8");
          if (text.startsWith(`X-Envelope-To: ${to.toLowerCase()}`)) found = text;
        }
        return found.length > 0;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found;
}

/**
 * The path of the newest `/<route>/<token>` link mailed to `to` (other than `except`, a link
 * already used), waiting for it to arrive.
 */
export async function linkPathFromMail(to: string, route: "invite" | "verify-email" | "reset-password", except?: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+(/${route}/[A-Za-z0-9_-]+)`, "g");
  let found: string | undefined;
  await expect
    .poll(
      () => {
        for (const file of readdirSync(E2E_MAIL_DIR).sort()) {
          const text = readFileSync(path.join(E2E_MAIL_DIR, file), "utf8").replace(/=\r?\n/g, "");
          if (!text.startsWith(`X-Envelope-To: ${to.toLowerCase()}`)) continue;
          for (const match of text.matchAll(pattern)) if (match[1] !== except) found = match[1];
        }
        return found !== undefined;
      },
      { timeout: 15_000, message: `a /${route}/ link mailed to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** The invitation link in the latest mail to `to`, as a path on the e2e server. */
export function invitationPathFromMail(to: string): Promise<string> {
  return linkPathFromMail(to, "invite");
}
