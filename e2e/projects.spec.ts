import { expect, test, type Page } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { failOnCspViolations, signUp, signUpWithOrg, uniqueEmail, uniqueSlug } from "./support/flows";
import { waitForMail } from "./support/mail";

async function createProject(page: Page, { name, slug, type }: { name: string; slug: string; type: string }) {
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a project" });
  await dialog.getByRole("radio", { name: new RegExp(type) }).check();
  await dialog.getByLabel("Project name").fill(name);
  await dialog.getByLabel("Project slug").fill(slug);
  await dialog.getByRole("button", { name: "Create project" }).click();
}

test("create projects of two types, find them by type and search, and open one", async ({ page }) => {
  const violations = failOnCspViolations(page);
  const { slug: orgSlug } = await signUpWithOrg(page, "Initech");
  // The org's creator is offered a first step, not told to ask someone.
  await expect(page.getByRole("heading", { name: "Create your first project" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create your first project" })).toBeVisible();

  const vault = uniqueSlug("vault");
  await createProject(page, { name: "Payments vault", slug: vault, type: "Secrets Management" });
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgSlug}/projects/${vault}$`));
  await expect(page.getByRole("heading", { name: "Payments vault" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link")).toHaveText(["Overview", "Secrets", "Environments", "Members", "Roles", "Request policies", "Audit log", "Settings"]);
  await nav.getByRole("link", { name: "Secrets" }).click();
  await expect(page.getByRole("heading", { name: "Secrets", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Secrets" })).toHaveAttribute("aria-current", "page");

  // A PKI project's pages are its own; a Secrets page does not exist there.
  await page.goto(`/orgs/${orgSlug}`);
  const ca = uniqueSlug("ca");
  await createProject(page, { name: "Internal CA", slug: ca, type: "PKI" });
  await expect(page).toHaveURL(new RegExp(`/projects/${ca}$`));
  await expect(nav.getByRole("link", { name: "Certificates" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Secrets" })).toHaveCount(0);
  const missing = await page.goto(`/orgs/${orgSlug}/projects/${ca}/secrets`);
  expect(missing?.status()).toBe(404);

  await page.goto(`/orgs/${orgSlug}`);
  const typeFilter = page.getByRole("navigation", { name: "Product type" });
  await expect(typeFilter.getByRole("link", { name: "PKI (1)" })).toBeVisible();
  await typeFilter.getByRole("link", { name: "PKI (1)" }).click();
  await expect(page).toHaveURL(/\?type=PKI$/);
  await expect(page.getByRole("link", { name: /Internal CA/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Payments vault/ })).toHaveCount(0);
  await typeFilter.getByRole("link", { name: /All types/ }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgSlug}$`));
  await page.getByRole("searchbox", { name: "Search projects" }).fill("payments");
  await page.getByRole("searchbox", { name: "Search projects" }).press("Enter");
  await expect(page.getByRole("link", { name: /Payments vault/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Internal CA/ })).toHaveCount(0);

  // The project switcher moves between them by keyboard.
  await page.getByRole("link", { name: /Payments vault/ }).click();
  await page.getByRole("button", { name: "Switch project (current: Payments vault)" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitemradio", { name: /Internal CA/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${ca}$`));
  expect(violations).toEqual([]);
});

test("create-project problems show at their fields and keep what was typed", async ({ page }) => {
  await signUpWithOrg(page, "Validation Co");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a project" });
  await dialog.getByLabel("Project name").fill("My project");
  await dialog.getByLabel("Project slug").fill("new");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Choose what the project is for")).toBeVisible();
  await expect(dialog.getByText('"new" is reserved. Choose another slug.')).toBeVisible();
  await expect(dialog.getByLabel("Project name")).toHaveValue("My project");
});

test("another org's project is a 404", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Owner Org");
  const projectSlug = uniqueSlug("private");
  await createProject(page, { name: "Private vault", slug: projectSlug, type: "PAM" });
  await expect(page).toHaveURL(new RegExp(`/projects/${projectSlug}$`));

  const context = await browser.newContext();
  const outsider = await context.newPage();
  const { slug: ownSlug } = await signUpWithOrg(outsider, "Outsider Org");
  expect((await outsider.goto(`/orgs/${orgSlug}/projects/${projectSlug}`))?.status()).toBe(404);
  expect((await outsider.goto(`/orgs/${ownSlug}/projects/${projectSlug}`))?.status()).toBe(404);
  await context.close();
});

test("rename a project, then delete it after typing its slug", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Settings Org");
  const projectSlug = uniqueSlug("doomed");
  await createProject(page, { name: "Doomed", slug: projectSlug, type: "PKI" });
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();

  await page.getByLabel("Project name").fill("Doomed for sure");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch project (current: Doomed for sure)" })).toBeVisible();

  await page.getByRole("button", { name: "Delete project" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete Doomed for sure?" });
  const confirm = dialog.getByRole("button", { name: "Delete this project" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${projectSlug} to confirm`).fill(projectSlug);
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgSlug}$`));
  await expect(page.getByRole("link", { name: /Doomed/ })).toHaveCount(0);
  expect((await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}`))?.status()).toBe(404);
});

test("an org Admin outside a project gains access only after typing 'access', and the project's Admin is mailed", async ({ page, browser }) => {
  const { email: ownerEmail, slug } = await signUpWithOrg(page, "Stewards");
  const projectSlug = uniqueSlug("payments");
  await createProject(page, { name: "Payments", slug: projectSlug, type: "Secrets Management" });
  await expect(page).toHaveURL(new RegExp(`/projects/${projectSlug}$`));

  const context = await browser.newContext();
  const deputy = await context.newPage();
  const deputyEmail = uniqueEmail();
  await signUp(deputy, { name: "Grace Hopper", email: deputyEmail });
  await addOrgMember(slug, deputyEmail, "admin");
  await deputy.goto(`/orgs/${slug}/projects/${projectSlug}`);
  await expect(deputy.getByRole("note").filter({ hasText: "you are not a member of it" })).toBeVisible();
  await deputy.getByRole("button", { name: "Gain access", exact: true }).click();
  const dialog = deputy.getByRole("alertdialog", { name: "Gain Admin access to Payments?" });
  const confirm = dialog.getByRole("button", { name: "Gain access" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type access to confirm").fill("access");
  await dialog.getByLabel("Type access to confirm").press("Enter");
  await expect(deputy.getByRole("note").filter({ hasText: "you are not a member of it" })).toBeHidden();
  // The owner's mailbox already holds their confirmation mail: wait for this one.
  await expect.poll(async () => (await waitForMail(ownerEmail)).includes("Grace Hopper gained Admin access to Payments"), { timeout: 15_000 }).toBe(true);
  await context.close();
});
