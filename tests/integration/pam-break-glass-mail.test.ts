// Break-glass access tells the approvers, by real SMTP: a mail to each person who could
// have approved, naming who took which account and why, and none to the one who took it.
import { describe, expect, it } from "vitest";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { withMailbox } from "../support/mailbox";
import { pamProject } from "../support/pam";

const mailsTo = withMailbox();

describe("PAM break-glass", () => {
  it("mails every possible approver, with the reason and a link to the request", async () => {
    const project = await pamProject({ breakGlass: true });
    const reason = "Payments are failing, checking the orders table";
    const { requestId, status } = await createRequest(await project.as(project.requester), {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 10,
      reason,
      breakGlass: true,
    });
    expect(status).toBe("ACTIVE");
    const approvers = [project.approvers[0]!.email, project.approvers[1]!.email, project.admin.orgAccess.actor.email];
    await expect.poll(() => approvers.map((address) => mailsTo(address).length), { timeout: 10_000 }).toEqual([1, 1, 1]);
    const mail = mailsTo(approvers[0]!)[0]!;
    expect(mail).toMatch(/Subject: Break-glass access: .* took /);
    expect(mail).toContain(reason);
    expect(mail).toContain(`https://tessera.example/orgs/${project.org.slug}/projects/${project.project.slug}/access-requests/${requestId}`);
    expect(mailsTo(project.requester.email)).toEqual([]);
  });
});
