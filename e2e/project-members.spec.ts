import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { signUp, signUpWithOrg, uniqueEmail, uniqueSlug } from "./support/flows";

test("an admin adds an org member with an expiring role, changes it, and removes them", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Members Org");
  const projectSlug = uniqueSlug("team");
  await page.getByRole("button", { name: "New project" }).click();
  const create = page.getByRole("dialog", { name: "Create a project" });
  await create.getByRole("radio", { name: /Secrets Management/ }).check();
  await create.getByLabel("Project name").fill("Team vault");
  await create.getByLabel("Project slug").fill(projectSlug);
  await create.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectSlug}$`));

  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  const colleagueEmail = uniqueEmail();
  await signUp(colleague, { name: "Colleague", email: colleagueEmail });
  await addOrgMember(orgSlug, colleagueEmail, "member");
  expect((await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}`))?.status()).toBe(404);

  // The picker searches the org's members on the server; someone outside the org is not offered.
  const outsider = await browser.newContext();
  const outsiderEmail = uniqueEmail();
  await signUp(await outsider.newPage(), { name: "Olaf Outsider", email: outsiderEmail });
  await outsider.close();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" }).click();
  await page.getByRole("button", { name: "Add member" }).click();
  const add = page.getByRole("dialog", { name: "Add members" });
  // Nothing is ticked to begin with: the person gets exactly what is chosen.
  await expect(add.getByRole("checkbox", { checked: true })).toHaveCount(0);
  const picker = add.getByRole("combobox", { name: "People" });
  await picker.fill(outsiderEmail);
  await expect(add.getByText(`No member of this organization matches "${outsiderEmail}".`)).toBeVisible();
  // The admin is offered but already in the project.
  await picker.fill("Ada");
  await expect(add.getByRole("option", { name: /Ada Lovelace/ })).toHaveAttribute("aria-disabled", "true");
  await expect(add.getByRole("option", { name: /Ada Lovelace/ })).toContainText("Already in this project");
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add.getByText("Choose at least one person")).toBeVisible();

  // The colleague, found by part of their name with the keyboard, as a Viewer for a week.
  await picker.fill("olleag");
  await expect(add.getByRole("option", { name: /Colleague/ })).toBeVisible();
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(add.getByRole("list", { name: "People: chosen" })).toContainText("Colleague");
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add.getByText("Choose at least one role")).toBeVisible();
  await add.getByRole("checkbox", { name: /^Member/ }).check();
  await add.getByRole("checkbox", { name: /^Viewer/ }).check();
  await expect(add.getByText("Already covered by Member: Viewer adds nothing while that lasts.")).toBeVisible();
  await add.getByRole("checkbox", { name: /^Member/ }).uncheck();
  await expect(add.getByText(/Already covered by/)).toHaveCount(0);
  // A custom time says which time zone it is in; the 7-day preset counts from saving.
  const expiry = add.getByRole("combobox", { name: "Expires" });
  await expiry.selectOption({ label: "At a date and time…" });
  await expect(add.getByText(/ time$/)).toBeVisible();
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add.getByText("Enter a valid date and time")).toBeVisible();
  await expiry.selectOption({ label: "In 7 days" });
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add).toBeHidden();
  const row = page.getByRole("row", { name: /Colleague/ });
  await expect(row).toContainText("Viewer");
  await expect(row).toContainText("expires in 7 days");

  // The colleague now sees the project, with a Viewer's navigation, and when the role ends.
  await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}`);
  await expect(colleague.getByText(/Your roles here: Viewer · expires in 7 days/)).toBeVisible();
  // …in the project switcher and on the projects list too.
  await colleague.getByRole("button", { name: "Switch project (current: Team vault)" }).click();
  await expect(colleague.getByRole("menuitemradio", { name: /Team vault/ })).toContainText("Viewer · expires in 7 days");
  await colleague.keyboard.press("Escape");
  await colleague.goto(`/orgs/${orgSlug}`);
  await expect(colleague.getByRole("link", { name: /Team vault/ })).toContainText("Your roles: Viewer · expires in 7 days");
  await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}`);
  await expect(colleague.getByRole("navigation", { name: "Project" }).getByRole("link")).toHaveText([
    "Overview",
    "Secrets",
    "Environments",
    "Members",
    "Roles",
    "Request policies",
  ]);

  // Promote to Member, for good.
  await page.getByRole("button", { name: "Change roles of Colleague" }).click();
  const change = page.getByRole("dialog", { name: "Roles of Colleague" });
  await change.getByRole("checkbox", { name: /^Viewer/ }).uncheck();
  await change.getByRole("checkbox", { name: /^Member/ }).check();
  await change.getByRole("button", { name: "Save roles" }).click();
  await expect(change).toBeHidden();
  await expect(row).toContainText("Member");
  await expect(row).not.toContainText("expires");

  // The admin cannot leave as the last Admin, and is told so (and what to do) before trying.
  await page.getByRole("button", { name: "Leave project" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave this project?" });
  await expect(leave).toContainText("You are its only Admin, so you cannot leave yet");
  await expect(leave.getByRole("button", { name: "Leave project" })).toBeDisabled();
  await leave.getByRole("button", { name: "Cancel" }).click();

  // Remove the colleague: their next request is a 404.
  await page.getByRole("button", { name: "Remove Colleague" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  // While the dialog is open the page behind it is hidden from the accessibility tree.
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByRole("row", { name: /Colleague/ })).toHaveCount(0);
  expect((await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}`))?.status()).toBe(404);
  await colleagueContext.close();
});
