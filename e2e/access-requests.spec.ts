import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { createProject, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";
import { waitForMail } from "./support/mail";

test("a member finds a project in All projects, asks for Viewer for an hour, an Admin approves from the mail, then ends it early", async ({
  page,
  browser,
}) => {
  const { email: ownerEmail, slug: orgSlug } = await signUpWithOrg(page, "Umbrella");
  const projectSlug = await createProject(page, orgSlug, "Payments", "Secrets Management");

  const context = await browser.newContext();
  const member = await context.newPage();
  const memberEmail = uniqueEmail();
  await signUp(member, { name: "Grace Hopper", email: memberEmail });
  await addOrgMember(orgSlug, memberEmail, "member");
  await member.goto(`/orgs/${orgSlug}`);
  await member.getByRole("link", { name: "All projects" }).click();
  await member.getByRole("button", { name: "Request access: Payments" }).click();
  const dialog = member.getByRole("dialog", { name: "Request a role in Payments" });
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await dialog.getByLabel("For how long").selectOption({ label: "1 hour" });
  // Nothing typed is lost when the form is refused.
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(dialog.getByText("Say why you need it: approvers decide on it")).toBeVisible();
  await dialog.getByLabel("Why (required)").fill("Incident #123: payouts fail");
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(member.getByRole("heading", { name: "Viewer in Payments" })).toBeVisible();
  await expect(member.getByText("Waiting for approval")).toBeVisible();
  await expect(member.getByText("Another approver must decide")).toBeVisible();
  // One request waits per project: asking again shows it instead of a form.
  await member.goto(`/orgs/${orgSlug}?scope=all`);
  await member.getByRole("button", { name: "Request access: Payments" }).click();
  const again = member.getByRole("dialog", { name: "Request a role in Payments" });
  await expect(again.getByText("You already have a request waiting here.")).toBeVisible();
  await again.getByRole("button", { name: "Done" }).click();
  await expect(again).toBeHidden();

  // The owner's mailbox already holds their confirmation mail: wait for this one, and follow its link.
  let link = "";
  await expect
    .poll(
      async () => {
        const mail = (await waitForMail(ownerEmail)).replace(/=\r?\n/g, "");
        link = /https?:\/\/\S+(\/orgs\/\S+\/access-requests\/[0-9a-f-]{36})/.exec(mail)?.[1] ?? "";
        return mail.includes("asks for Viewer in Payments") && link !== "";
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.goto(`/orgs/${orgSlug}`);
  await expect(page.getByRole("link", { name: /Access requests\s*1 request waits for you/ })).toBeVisible();
  await page.goto(link);
  await expect(page.getByText("Incident #123: payouts fail", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByText(/UTC, in (1 hour|\d+ minutes)/)).toBeVisible();

  // The member opens the project with the role.
  await member.goto(`/orgs/${orgSlug}/projects/${projectSlug}`);
  await expect(member.getByRole("heading", { name: "Payments" })).toBeVisible();
  await expect(member.getByRole("link", { name: "Secrets" })).toBeVisible();

  // The Admin ends it early, after confirming; the member is refused from then on.
  await page.getByRole("button", { name: "End now" }).click();
  const confirm = page.getByRole("alertdialog", { name: "End Grace Hopper's Viewer role now?" });
  await confirm.getByRole("button", { name: "End now" }).click();
  await expect(page.getByText(/Ended.*by Ada Lovelace/)).toBeVisible();
  await member.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`);
  await expect(member.getByRole("heading", { name: "Secrets" })).toBeHidden();
  await member.goto(`/orgs/${orgSlug}/projects/${projectSlug}`);
  await expect(member.getByRole("note").filter({ hasText: "Your access to this project has ended" })).toBeVisible();
  await expect(member.getByRole("link", { name: "Secrets" })).toHaveCount(0);
  await context.close();
});
