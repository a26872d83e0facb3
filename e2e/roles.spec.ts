import { expect, test } from "@playwright/test";
import { colleagueWithProjectRole, createProject, signUpWithOrg } from "./support/flows";

const ROLE = "Secrets editor except production";
const DENY_LINE = 'Secrets: never read values, where the environment is "prod".';

test("an admin builds a project role with the keyboard, assigns it, and the member's access follows every edit", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Roles Org");
  const projectSlug = await createProject(page, orgSlug, "Vault", "Secrets Management");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Roles" }).click();
  await expect(page.getByText("No custom roles yet.")).toBeVisible();

  // A built-in role opens read-only, offering a copy instead.
  await page.getByRole("link", { name: "Viewer" }).click();
  await expect(page.getByText("Built-in roles cannot be changed.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Secrets: See keys" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Duplicate to customise" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await page.getByRole("link", { name: "← All roles" }).click();

  await page.getByRole("button", { name: "Create role" }).click();
  const create = page.getByRole("dialog", { name: "Create a role" });
  await create.getByLabel("Role name").fill(ROLE);
  await expect(create.getByLabel("Role slug")).toHaveValue("secrets-editor-except-production");
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(/\/roles\/secrets-editor-except-production$/);
  await expect(page.getByRole("complementary", { name: "Effective access" })).toContainText("Grants nothing.");

  // The matrix by keyboard alone: filter, Tab to a checkbox, Space to tick it.
  await page.getByLabel("Filter permissions").focus();
  await page.keyboard.type("secrets");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Secrets: all actions" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Secrets: Read values" })).toBeChecked();
  await page.getByLabel("Filter permissions").fill("");
  // A real grid: arrow keys move along a row and down a column, skipping absent cells.
  await page.getByRole("checkbox", { name: "Project: all actions" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("checkbox", { name: "Project: View" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Project: View" })).toBeChecked();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("checkbox", { name: "Members: View" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("checkbox", { name: "Members: Remove" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(page.getByRole("checkbox", { name: "Members: all actions" })).toBeFocused();
  await expect(page.getByRole("checkbox", { name: "Members: all actions" })).not.toBeChecked();
  // Headings in order: the role's h1, then each part of the editor an h2.
  await expect(page.getByRole("heading", { level: 2, name: "Project permissions" })).toBeVisible();
  await expect(page.getByText(/^\d+ unsaved changes$/)).toBeVisible();

  // The exception: never read values in production.
  await page.getByRole("button", { name: "Add a rule" }).click();
  await expect(page.getByLabel("Rule 1: effect")).toHaveValue("allow");
  await expect(page.getByRole("complementary", { name: "Effective access" })).toContainText("Secrets: no action chosen yet.");
  await page.getByLabel("Rule 1: effect").selectOption("deny");
  await page.getByRole("checkbox", { name: "Rule 1: Read values" }).check();
  await page.getByRole("button", { name: "Add condition to rule 1" }).click();
  await page.getByLabel("Rule 1, condition 1: value").fill("prod");
  await expect(page.getByRole("complementary", { name: "Effective access" })).toContainText(DENY_LINE);
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText("Saved. 0 members hold this role");

  // Assign it to a colleague.
  const { context: colleagueContext, colleague } = await colleagueWithProjectRole(browser, page, { orgSlug, projectSlug, roleName: ROLE });
  await expect(page.getByRole("row", { name: /Colleague/ })).toContainText(ROLE);

  await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}`);
  await expect(colleague.getByText(`Your roles here: ${ROLE}`)).toBeVisible();
  await expect(colleague.getByText(DENY_LINE)).toBeVisible();
  await expect(colleague.getByRole("navigation", { name: "Project" }).getByRole("link")).toHaveText(["Overview", "Secrets"]);

  // Lift the exception: the colleague's next request has it gone.
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/roles/secrets-editor-except-production`);
  await expect(page.getByRole("complementary", { name: "Effective access" })).toContainText("Held by 1 member: Colleague.");
  await page.getByRole("button", { name: "Remove rule 1", exact: true }).click();
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText("Saved. 1 member holds this role");
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText(`No longer: ${DENY_LINE}`);
  await colleague.reload();
  await expect(colleague.getByText("Secrets: can see keys, read values, create, edit and delete.")).toBeVisible();
  await expect(colleague.getByText(DENY_LINE)).toHaveCount(0);
  await colleagueContext.close();

  // Unsaved changes are not lost to a stray click: leaving asks first, in the app's own dialog.
  await page.getByRole("checkbox", { name: "Environments: View" }).check();
  await expect(page.getByText("1 unsaved change", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "← All roles" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await expect(leave).toContainText("You have 1 unsaved change.");
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/roles\/secrets-editor-except-production$/);
  await expect(page.getByRole("checkbox", { name: "Environments: View" })).toBeChecked();
  await page.getByRole("link", { name: "← All roles" }).click();
  await leave.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/roles$/);
});

test("a condition typed as the environment's display name is flagged before saving, refused, and fixed with one click", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Typo Org");
  await createProject(page, orgSlug, "Payments", "Secrets Management");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Roles" }).click();
  await page.getByRole("button", { name: "Create role" }).click();
  const create = page.getByRole("dialog", { name: "Create a role" });
  await create.getByLabel("Role name").fill("No production values");
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(/\/roles\/no-production-values$/);

  // What a new user types: the name shown on the Secrets page, not the slug conditions compare.
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1: effect").selectOption("deny");
  await page.getByRole("checkbox", { name: "Rule 1: Read values" }).check();
  await page.getByRole("button", { name: "Add condition to rule 1" }).click();
  const value = page.getByLabel("Rule 1, condition 1: value");
  await value.fill("Production");
  await expect(value).toHaveAccessibleDescription(
    /"Production" matches no environment \(did you mean "prod"\?\) in this project: this deny rule would deny nothing/,
  );
  const panel = page.getByRole("complementary", { name: "Effective access" });
  await expect(panel.getByRole("list", { name: "Conditions that match nothing" })).toContainText('"Production" matches no environment');

  // Saving anyway without saying so is refused, with the reason; nothing typed is lost.
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Rule 1:" })).toContainText('"Production" matches no environment');
  await expect(value).toHaveValue("Production");

  await page.getByRole("button", { name: "Use prod" }).click();
  await expect(value).toHaveValue("prod");
  await expect(panel.getByRole("list", { name: "Conditions that match nothing" })).toHaveCount(0);
  await expect(panel).toContainText('Secrets: never read values, where the environment is "prod".');
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText("Saved. 0 members hold this role");
});
