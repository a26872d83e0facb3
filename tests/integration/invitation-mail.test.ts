import { describe, expect, it } from "vitest";
import { withMailbox } from "../support/mailbox";

const mailsTo = withMailbox();

describe("invitation mail", () => {
  it("is a plain, readable mail over SMTP with the org, inviter, roles, link and expiry", async () => {
    const { sendInvitationMail } = await import("@/lib/platform/mail/send-invitation-mail");
    const { publicUrl } = await import("@/lib/platform/mail/send-mail");
    const link = publicUrl("/invite/abc123");
    expect(link).toBe("https://tessera.example/invite/abc123");
    const expiresAt = new Date("2030-01-02T03:04:05Z");
    const outcome = await sendInvitationMail({
      to: "ada@example.com",
      orgName: "Acme",
      inviterName: "Grace",
      roleLabel: "Member",
      projectRoles: [{ roleLabel: "Viewer", projectName: "Payments API" }],
      link,
      expiresAt,
    });
    expect(outcome).toEqual({ sent: true });
    const [mail = ""] = mailsTo("ada@example.com");
    expect(mail).toContain("X-Envelope-To: ada@example.com");
    expect(mail).toContain("Subject: Grace invited you to Acme on Tessera");
    expect(mail).toContain("Content-Type: text/plain");
    expect(mail).toContain(`join "Acme" on Tessera as "Member"`);
    expect(mail).toContain(`- "Viewer" in "Payments API"`);
    expect(mail).toContain(link);
    expect(mail).toContain(expiresAt.toUTCString());
  });
});
