import { describe, expect, it } from "vitest";
import { createOrg } from "@/lib/platform/orgs/create-org";
import { renameSelf } from "@/lib/platform/users/rename-self";
import { signUpSchema } from "@/lib/platform/users/schemas";
import { withMailbox } from "../support/mailbox";
import { createUser, unique } from "../support/factories";

const mailsTo = withMailbox();
const FORGED = "Eve\nSECURITY NOTICE: your account is locked, sign in at https://evil.example";

/** The mail's body lines, as a reader sees them. */
const bodyLines = (mail: string) => mail.slice(mail.indexOf("\r\n\r\n")).split(/\r?\n/);

describe("names with line breaks (second review, item 5)", () => {
  it("are refused as display names, org names and at sign-up, at the name field", async () => {
    const { actor } = await createUser();
    await expect(renameSelf(actor, { name: FORGED })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"], message: expect.stringMatching(/line break/) })],
    });
    await expect(createOrg(actor, { name: "Acme\u2028Notice", slug: unique("acme-") })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
    expect(signUpSchema.safeParse({ name: "Eve\r\nBcc: x", email: "eve@example.com", password: "a".repeat(12) }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "Éve O'Brien-Łukasz", email: "eve@example.com", password: "a".repeat(12) }).success).toBe(true);
  });

  it("reach an invitation mail quoted on one line even when an older row holds a line break", async () => {
    const { sendInvitationMail } = await import("@/lib/platform/mail/send-invitation-mail");
    const outcome = await sendInvitationMail({
      to: "target@example.com",
      orgName: "Acme\r\nBcc: everyone@example.com",
      inviterName: FORGED,
      roleLabel: "Member",
      projectRoles: [{ roleLabel: "Viewer", projectName: "Payments\nClick https://evil.example" }],
      link: "https://tessera.example/invite/abc",
      expiresAt: new Date("2030-01-01T00:00:00Z"),
    });
    expect(outcome).toEqual({ sent: true });
    const [mail = ""] = mailsTo("target@example.com");
    const lines = bodyLines(mail);
    expect(lines.filter((line) => line.startsWith("SECURITY NOTICE") || line.startsWith("Click") || line.startsWith("Bcc"))).toEqual([]);
    expect(mail).toContain(
      `"Eve SECURITY NOTICE: your account is locked, sign in at https://evil.example" invited you to join "Acme Bcc: everyone@example.com"`,
    );
    expect(mail).toContain(`- "Viewer" in "Payments Click https://evil.example"`);
    expect(mail).not.toMatch(/^Bcc:/m);
  });
});
