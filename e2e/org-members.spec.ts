import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { changeOrgRole, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("an admin manages org members: search, change a role, cannot leave as last admin, removes one", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "People Inc");
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  const colleagueEmail = uniqueEmail();
  await signUp(colleague, { name: "Cora Colleague", email: colleagueEmail });
  await addOrgMember(orgSlug, colleagueEmail, "member");

  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByText("2 members")).toBeVisible();

  await page.getByRole("searchbox", { name: "Search members" }).fill("cora");
  await page.getByRole("searchbox", { name: "Search members" }).press("Enter");
  await expect(page).toHaveURL(/q=cora/);
  await expect(page.getByRole("row")).toHaveCount(2); // header + Cora
  const row = page.getByRole("row", { name: /Cora Colleague/ });

  // The colleague, a Member, sees the members list but no controls.
  await colleague.goto(`/orgs/${orgSlug}/members`);
  await expect(colleague.getByRole("button", { name: /^Role of/ })).toHaveCount(0);
  await expect(colleague.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  // By keyboard: the role button opens a dialog; arrow keys move between roles, and nothing
  // changes until "Change role" is pressed. Escape cancels and returns focus to the button.
  const roleButton = row.getByRole("button", { name: "Role of Cora Colleague: Member. Change" });
  await roleButton.focus();
  await page.keyboard.press("Enter");
  const choose = page.getByRole("alertdialog", { name: "Change Cora Colleague's role" });
  await expect(choose).toBeVisible();
  await expect(choose.getByRole("button", { name: "Change role" })).toBeDisabled();
  await choose.getByRole("radio", { name: /^Member/ }).focus();
  await page.keyboard.press("ArrowDown");
  const confirm = page.getByRole("alertdialog", { name: "Change Cora Colleague's role to No access?" });
  await expect(confirm).toContainText("goes from Member to No access");
  // What changes is listed both ways; a change that takes access away has the red button.
  await expect(confirm.getByRole("list", { name: "They lose" })).toContainText("Members: view");
  await expect(confirm.getByRole("list", { name: "They gain" })).toHaveText("Nothing");
  await expect(confirm.getByRole("button", { name: "Change role" })).toHaveClass(/bg-red-600/);
  // Promoting to Admin lists everything it hands over, and only gives: the button is not red.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  const promote = page.getByRole("alertdialog", { name: "Change Cora Colleague's role to Admin?" });
  const gains = promote.getByRole("list", { name: "They gain" });
  await expect(gains).toContainText("Members: invite, change roles and remove");
  await expect(gains).toContainText("Billing: edit billing details");
  await expect(gains).toContainText("Organization: edit settings and delete");
  await expect(promote.getByRole("list", { name: "They lose" })).toHaveText("Nothing");
  await expect(promote.getByRole("button", { name: "Change role" })).not.toHaveClass(/bg-red-600/);
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(roleButton).toBeFocused();
  expect((await colleague.goto(`/orgs/${orgSlug}/members`))?.status()).toBe(200);

  await changeOrgRole(page, "Cora Colleague", "No access");
  await expect(row.getByRole("button", { name: "Role of Cora Colleague: No access. Change" })).toBeVisible();
  await expect(page.getByText("Cora Colleague is now No access.")).toBeAttached();
  // No access cannot read the member list: the page is gone for them on their next request.
  await expect.poll(async () => (await colleague.goto(`/orgs/${orgSlug}/members`))?.status()).toBe(404);

  // The last admin cannot leave.
  await page.goto(`/orgs/${orgSlug}/members`);
  // The last admin is told why they cannot leave before trying.
  await page.getByRole("button", { name: "Leave organization" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave this organization?" });
  await expect(leave).toContainText("You are its only Admin, so you cannot leave yet");
  await expect(leave.getByRole("button", { name: "Leave organization" })).toBeDisabled();
  await leave.getByRole("button", { name: "Cancel" }).click();

  // One dialog serves every row: it names the member, and Escape returns focus to their button.
  await page.getByRole("button", { name: "Remove Cora Colleague" }).click();
  await expect(page.getByRole("alertdialog", { name: "Remove Cora Colleague from the organization?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Remove Cora Colleague" })).toBeFocused();
  await page.getByRole("button", { name: "Remove Cora Colleague" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  // While the dialog is open the page behind it is hidden from the accessibility tree.
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByRole("row", { name: /Cora Colleague/ })).toHaveCount(0);
  expect((await colleague.goto(`/orgs/${orgSlug}`))?.status()).toBe(404);
  await colleagueContext.close();
});
