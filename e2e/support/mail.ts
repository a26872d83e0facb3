import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "../../scripts/lib/state-dir";

/** Waits for the mail the e2e SMTP listener received for `to`, and returns its text. */
export async function waitForMail(to: string): Promise<string> {
  let found = "";
  await expect
    .poll(() => {
      const files = readdirSync(E2E_MAIL_DIR).sort();
      for (const file of files) {
        const text = readFileSync(path.join(E2E_MAIL_DIR, file), "utf8");
        if (text.startsWith(`X-Envelope-To: ${to.toLowerCase()}`)) found = text;
      }
      return found.length > 0;
    }, { timeout: 15_000 })
    .toBe(true);
  return found;
}

/** The invitation link in the latest mail to `to`, as a path on the e2e server. */
export async function invitationPathFromMail(to: string): Promise<string> {
  const text = (await waitForMail(to)).replace(/=\r?\n/g, "");
  const link = text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no invitation link in the mail to ${to}`);
  return new URL(link).pathname;
}
