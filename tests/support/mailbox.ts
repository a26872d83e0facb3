import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startMailCatcher } from "../../scripts/lib/mail-catcher";

/**
 * A real SMTP listener on loopback for this test file: SMTP_URL points at it (so mail is
 * "set up", and addresses are verified) and links in mail use https://tessera.example.
 * lib/env reads both on first use, after this file's beforeAll ran.
 */
export function withMailbox() {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-mail-"));
  let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
  beforeAll(async () => {
    catcher = await startMailCatcher(dir);
    process.env.SMTP_URL = catcher.url;
    process.env.NEXTAUTH_URL = "https://tessera.example";
  });
  afterAll(async () => {
    await catcher?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  /** Every mail received for `address`, oldest first, soft line breaks undone. */
  return function mailsTo(address: string): string[] {
    return readdirSync(dir)
      .sort()
      .map((file) => readFileSync(path.join(dir, file), "utf8").replace(/=\r?\n/g, ""))
      .filter((text) => text.startsWith(`X-Envelope-To: ${address}`));
  };
}
