import { expect, test } from "@playwright/test";
import { confirmEmailFromMail, createProject, PASSWORD, signUpWithOrg, uniqueEmail } from "./support/flows";

test("an invite link with max uses 1 lets one newcomer in with its project role and refuses the second", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Link Co");
  await createProject(page, orgSlug, "Link vault", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/members/invitations`);
  const links = page.getByRole("region", { name: "Invite links" });
  await expect(links.getByText("No invite links yet.")).toBeVisible();

  await links.getByRole("button", { name: "Create invite link" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an invite link" });
  await expect(dialog.getByText("4 seats are free.", { exact: false })).toBeVisible();
  await dialog.getByLabel("Link name").fill("Contractors");
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "No access" });
  await dialog.getByLabel("Max uses").fill("0");
  await dialog.getByRole("button", { name: "Create link" }).click();
  // Refused at the field; what was typed stays.
  await expect(dialog.getByText("At least 1 use, or leave it empty for no limit")).toBeVisible();
  // Focus goes to the field at fault.
  await expect(dialog.getByLabel("Max uses")).toBeFocused();
  await expect(dialog.getByLabel("Link name")).toHaveValue("Contractors");
  await dialog.getByLabel("Max uses").fill("1");
  await dialog.getByRole("button", { name: "Add a project" }).click();
  await dialog.getByLabel("Role in Link vault").selectOption({ label: "Viewer" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const linkField = dialog.getByLabel("New invite link");
  await expect(linkField).toHaveValue(/\/join\/[A-Za-z0-9_-]{43}$/);
  const path = new URL(await linkField.inputValue()).pathname;
  // Only the one-time link now: the form that made it is gone, so nothing invites a second link by accident.
  await expect(dialog.getByLabel("Link name")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Done" }).click();
  const row = links.getByRole("listitem", { name: "Invite link Contractors" });
  await expect(row).toContainText("No access · Viewer in Link vault · 0 of 1 uses");

  const firstContext = await browser.newContext();
  const first = await firstContext.newPage();
  await first.goto(path);
  await expect(first.getByRole("heading", { name: "Join Link Co" })).toBeVisible();
  await expect(first.getByRole("listitem").filter({ hasText: "Link vault" })).toHaveText("Link vault as Viewer");
  const firstEmail = uniqueEmail();
  await first.getByLabel("Name").fill("First Joiner");
  await first.getByLabel("Email").fill(firstEmail);
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Create account and join Link Co" }).click();
  // Addresses are confirmed by mail first; the mailed link leads back to the invite link.
  await expect(first.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await confirmEmailFromMail(first, firstEmail);
  await first.getByLabel("Email").fill(firstEmail);
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Sign in" }).click();
  await expect(first).toHaveURL(new RegExp(path));
  // Signed in: the page says which account joins, and offers another.
  await expect(first.getByText(`You will join as First Joiner (${firstEmail.toLowerCase()}).`)).toBeVisible();
  await expect(first.getByRole("button", { name: "Not First Joiner? Sign out, then use another account" })).toBeVisible();
  await first.getByRole("button", { name: "Join Link Co" }).click();
  await expect(first).toHaveURL(new RegExp(`/orgs/${orgSlug}\\?welcome=1$`));
  await expect(first.getByRole("status").filter({ hasText: "Welcome to Link Co." })).toContainText("You joined as No access, with Viewer in Link vault.");
  await expect(first.getByRole("link", { name: /Link vault/ })).toBeVisible();
  await firstContext.close();

  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await second.goto(path);
  await expect(second.getByRole("heading", { name: "This invite link cannot be used" })).toBeVisible();
  await secondContext.close();

  await page.reload();
  await expect(row).toContainText("All uses taken");
  await expect(row).toContainText("1 of 1 uses");
  await row.getByText("Who joined through it").click();
  await expect(row).toContainText("First Joiner");
  await row.getByRole("button", { name: "Revoke invite link Contractors" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(row).toContainText("Revoked");
});

test("an invite link for Admin warns what it hands over and is made only once the admin confirms", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Careful Co");
  await page.goto(`/orgs/${orgSlug}/members/invitations`);
  await page.getByRole("region", { name: "Invite links" }).getByRole("button", { name: "Create invite link" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an invite link" });
  // A link starts limited: 10 uses, 7 days.
  await expect(dialog.getByLabel("Max uses")).toHaveValue("10");
  await expect(dialog.getByLabel("Expires after (days)")).toHaveValue("7");
  await expect(dialog.getByText("Member allows")).toBeVisible();
  await expect(dialog.getByText("manages more than their own work")).toHaveCount(0);
  await dialog.getByLabel("Link name").fill("Founders");
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
  await expect(dialog.getByText("Admin manages more than their own work.")).toBeVisible();
  await expect(dialog).toContainText("Billing: edit billing details");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const confirmation = dialog.getByRole("checkbox", { name: "I mean to give Admin to them" });
  await expect(confirmation).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Tick the box to confirm you mean to give that.", { exact: false })).toBeVisible();
  await expect(dialog.getByLabel("Link name")).toHaveValue("Founders");
  await confirmation.check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByLabel("New invite link")).toHaveValue(/\/join\//);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("listitem", { name: "Invite link Founders" })).toContainText("Admin · 0 of 10 uses");
});
