import { randomUUID } from "node:crypto";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { addOrgMember } from "./database";
import { linkPathFromMail } from "./mail";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(): string {
  return `e2e-${randomUUID().slice(0, 12)}@example.com`;
}

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Fails the test if the page reports a Content-Security-Policy violation. */
export function failOnCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Signs up, confirms the address from the mailed link, and signs in: on onboarding. */
export async function signUp(page: Page, { name, email }: { name: string; email: string }): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await confirmEmailFromMail(page, email);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
}

/** Opens the confirmation link mailed to `email` and confirms: on the sign-in page after. */
export async function confirmEmailFromMail(page: Page, email: string): Promise<void> {
  await page.goto(await linkPathFromMail(email, "verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
}

export async function createOrg(page: Page, { name, slug }: { name: string; slug: string }): Promise<void> {
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("URL slug").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
}

/** A new user with one org, signed in, on that org's page. */
export async function signUpWithOrg(page: Page, orgName = "Acme") {
  const email = uniqueEmail();
  const slug = uniqueSlug("acme");
  await signUp(page, { name: "Ada Lovelace", email });
  await createOrg(page, { name: orgName, slug });
  return { email, slug };
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Creates a project of a product type from the projects page; returns its slug. */
export async function createProject(page: Page, orgSlug: string, name: string, type: string): Promise<string> {
  await page.goto(`/orgs/${orgSlug}`);
  const slug = uniqueSlug(type.toLowerCase().replaceAll(" ", "-"));
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a project" });
  await dialog.getByRole("radio", { name: new RegExp(type) }).check();
  await dialog.getByLabel("Project name").fill(name);
  await dialog.getByLabel("Project slug").fill(slug);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  return slug;
}

/**
 * A colleague signed up in a browser of their own, an org Member, added to the project by
 * the admin on `page` (its members page) with the one project role named `roleName`.
 */
export async function colleagueWithProjectRole(
  browser: Browser,
  page: Page,
  { orgSlug, projectSlug, roleName }: { orgSlug: string; projectSlug: string; roleName: string },
) {
  const context = await browser.newContext();
  const colleague = await context.newPage();
  const email = uniqueEmail();
  await signUp(colleague, { name: "Colleague", email });
  await addOrgMember(orgSlug, email, "member");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/members`);
  await page.getByRole("button", { name: "Add member" }).click();
  const add = page.getByRole("dialog", { name: "Add members" });
  await pickMembers(add, [email]);
  await add.getByRole("checkbox", { name: new RegExp(`^${roleName}`) }).check();
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add).toBeHidden();
  return { context, colleague, email };
}

/** Chooses people in the Add-members picker by typing (part of) their name or email and pressing Enter. */
export async function pickMembers(dialog: Locator, searches: string[], label: "People" | "Machine identities" = "People") {
  const picker = dialog.getByRole("combobox", { name: label });
  for (const search of searches) {
    await picker.fill(search);
    const list = dialog.getByRole("listbox", { name: `${label}: matches` });
    // The list may still show the last search's matches for a moment: wait for this one's.
    await expect(list).toHaveAttribute("aria-busy", "false");
    await expect(list.getByRole("option")).toHaveCount(1);
    await expect(list.getByRole("option")).toContainText(search);
    await picker.press("Enter");
  }
  await expect(dialog.getByRole("list", { name: `${label}: chosen` }).getByRole("listitem")).toHaveCount(searches.length);
}

/** Changes a member's org role on the members page through its confirmation dialog. */
export async function changeOrgRole(page: Page, memberName: string, roleLabel: string) {
  await page.getByRole("button", { name: new RegExp(`^Role of ${memberName}: `) }).click();
  const dialog = page.getByRole("alertdialog", { name: `Change ${memberName}'s role` });
  await dialog.getByRole("radio", { name: new RegExp(`^${roleLabel}`) }).check();
  await page
    .getByRole("alertdialog", { name: `Change ${memberName}'s role to ${roleLabel}?` })
    .getByRole("button", { name: "Change role" })
    .click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
}

/** Signs out from the account menu and enters the email and password again (a second step may follow). */
export async function signOutAndBackIn(page: Page, email: string, name = "Ada Lovelace"): Promise<void> {
  await page.getByRole("button", { name: `Account menu for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  // Until the sign-in page has loaded (as goto waits), its form is not yet the app's.
  await page.waitForURL(/\/login/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}
