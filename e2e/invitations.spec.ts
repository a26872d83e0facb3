import { expect, test, type Page } from "@playwright/test";
import { createOrg, createProject, PASSWORD, signUp, signUpWithOrg, uniqueEmail, uniqueSlug } from "./support/flows";
import { invitationPathFromMail, waitForMail } from "./support/mail";

async function invite(page: Page, orgSlug: string, email: string, role = "Member", project?: { name: string; role: string }): Promise<string> {
  await page.goto(`/orgs/${orgSlug}/members/invitations`);
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: role });
  if (project) {
    await dialog.getByRole("button", { name: "Add a project" }).click();
    await dialog.getByLabel("Project 1").selectOption({ label: `${project.name} · Secrets Management` });
    await dialog.getByLabel(`Role in ${project.name}`).selectOption({ label: project.role });
  }
  await dialog.getByRole("button", { name: "Create invitations" }).click();
  await expect(dialog.getByText(`Invitation mailed to ${email.toLowerCase()}.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  return invitationPathFromMail(email);
}

test("a newcomer invited with a project role signs up, lands in the org and sees the project", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Welcoming Co");
  const projectSlug = await createProject(page, orgSlug, "Payments vault", "Secrets Management");
  // Seats show before the form is filled: the Free plan's 5, one taken by the admin.
  await page.goto(`/orgs/${orgSlug}/members`);
  await expect(page.getByText("1 of 5 seats used")).toBeVisible();
  await page.getByRole("button", { name: "Invite people" }).click();
  await expect(page.getByRole("dialog").getByText("4 seats are free.", { exact: false })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("navigation", { name: "Members sections" }).getByRole("link", { name: "Invitations and links" }).click();
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  const newcomerEmail = uniqueEmail();
  const path = await invite(page, orgSlug, newcomerEmail, "No access", { name: "Payments vault", role: "Viewer" });
  const mail = await waitForMail(newcomerEmail);
  expect(mail).toContain("Subject: Ada Lovelace invited you to Welcoming Co on Tessera");
  expect(mail).toContain(`as "No access"`);
  expect(mail).toContain(`- "Viewer" in "Payments vault"`);
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(newcomerEmail);

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(path);
  await expect(newcomer.getByRole("heading", { name: "Join Welcoming Co" })).toBeVisible();
  await expect(newcomer.getByText(/invited .* as No access/)).toBeVisible();
  await expect(newcomer.getByRole("listitem").filter({ hasText: "Payments vault" })).toHaveText("Payments vault as Viewer");
  // Opening the link twice consumes nothing.
  await newcomer.reload();
  await expect(newcomer.getByLabel("Email")).toHaveValue(newcomerEmail);
  await expect(newcomer.getByLabel("Email")).toHaveAttribute("readonly", "");
  await newcomer.getByLabel("Name").fill("Nina Newcomer");
  await newcomer.getByLabel("Password").fill(PASSWORD);
  await newcomer.getByRole("button", { name: "Create account and join Welcoming Co" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/orgs/${orgSlug}\\?welcome=1$`));
  await expect(newcomer.getByRole("button", { name: "Switch organization (current: Welcoming Co)" })).toBeVisible();
  // What they were given, said once, on arrival.
  await expect(newcomer.getByRole("status").filter({ hasText: "Welcome to Welcoming Co." })).toContainText(
    "You joined as No access, with Viewer in Payments vault.",
  );
  await newcomer.getByRole("link", { name: /Payments vault/ }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/projects/${projectSlug}$`));
  await expect(newcomer.getByRole("heading", { name: "Payments vault" })).toBeVisible();

  // The link is spent.
  await newcomer.goto(path);
  await expect(newcomer.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await context.close();
});

test("an existing user of another org accepts; a wrong account is told which one; a revoked link is dead", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Second Home");
  const context = await browser.newContext();
  const guest = await context.newPage();
  const guestEmail = uniqueEmail();
  // The guest already has an account, and an org of their own.
  await signUp(guest, { name: "Gus Guest", email: guestEmail });
  await createOrg(guest, { name: "Guest's Own Org", slug: uniqueSlug("guest") });

  const path = await invite(page, orgSlug, guestEmail, "No access");
  const wrongContext = await browser.newContext();
  const wrong = await wrongContext.newPage();
  await signUp(wrong, { name: "Wrong Person", email: uniqueEmail() });
  await wrong.goto(path);
  await expect(wrong.getByRole("note")).toContainText(`this invitation is for ${guestEmail}`);
  await wrongContext.close();

  await guest.goto(path);
  await guest.getByRole("button", { name: "Join Second Home" }).click();
  await expect(guest).toHaveURL(new RegExp(`/orgs/${orgSlug}\\?welcome=1$`));

  // Revoke a second invitation; its link stops working.
  const revokedEmail = uniqueEmail();
  const revokedPath = await invite(page, orgSlug, revokedEmail);
  await page.getByRole("button", { name: `Revoke invitation to ${revokedEmail}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByRole("button", { name: `Revoke invitation to ${revokedEmail}` })).toHaveCount(0);
  await guest.goto(revokedPath);
  await expect(guest.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await context.close();
});
