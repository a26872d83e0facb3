import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { createProject, PASSWORD, pickMembers, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("projects of each type are grouped and filtered; a Viewer sees only their project, read-only", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Three Products");
  const secrets = await createProject(page, orgSlug, "App secrets", "Secrets Management");
  // A new Secrets project's overview offers its first steps; each opens its dialog on the secrets page.
  await expect(page.getByRole("heading", { name: "Add your first secret" })).toBeVisible();
  await page.getByRole("link", { name: "Import a .env file" }).click();
  await expect(page.getByRole("dialog", { name: /Import/ })).toBeVisible();
  await page.keyboard.press("Escape");
  const pki = await createProject(page, orgSlug, "Service CA", "PKI");
  const pam = await createProject(page, orgSlug, "Prod access", "PAM");
  // A new PAM project's pages say what to do first.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Access requests" }).click();
  await expect(page.getByText("Nothing waits for your approval.")).toBeVisible();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Access policies" }).click();
  await expect(page.getByText("No policies yet, so no account can be requested.")).toBeVisible();

  // The project switcher moves between projects, focus lands on the new page's heading, and it offers "Create project".
  await page.getByRole("button", { name: "Switch project (current: Prod access)" }).click();
  await expect(page.getByRole("menuitemradio", { name: /Service CA/ })).toBeVisible();
  await page.getByRole("menuitemradio", { name: /Service CA/ }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${pki}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Service CA" })).toBeFocused();
  await page.getByRole("button", { name: "Switch project (current: Service CA)" }).click();
  await page.getByRole("menuitem", { name: "Create project" }).click();
  await expect(page.getByRole("dialog", { name: "Create a project" })).toBeVisible();
  await page.keyboard.press("Escape");

  // A missing page inside the org is a 404 that keeps the org's header and sections.
  expect((await page.goto(`/orgs/${orgSlug}/no-such-page`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch organization (current: Three Products)" })).toBeVisible();

  await page.goto(`/orgs/${orgSlug}`);
  for (const heading of ["Secrets Management", "PKI", "PAM"]) {
    await expect(page.getByRole("heading", { name: heading, level: 2 })).toBeVisible();
  }
  await page.getByRole("navigation", { name: "Product type" }).getByRole("link", { name: "PAM (1)" }).click();
  await expect(page).toHaveURL(/type=PAM/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["PAM"]);
  await expect(page.getByRole("link", { name: /Prod access/ })).toBeVisible();

  // A colleague joins the org with no project, and is added to the Secrets project as Viewer.
  const viewerEmail = uniqueEmail();
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signUp(viewer, { name: "Vera Viewer", email: viewerEmail });
  await addOrgMember(orgSlug, viewerEmail, "member");

  await page.goto(`/orgs/${orgSlug}/projects/${secrets}/members`);
  await page.getByRole("button", { name: "Add member" }).click();
  const add = page.getByRole("dialog", { name: "Add members" });
  await pickMembers(add, [viewerEmail]);
  await add.getByRole("checkbox", { name: /^Viewer/ }).check();
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("row", { name: /Vera Viewer/ })).toContainText("Viewer");

  // The viewer signs in again and sees only that project under My projects.
  await viewerContext.clearCookies();
  await viewer.goto("/login");
  await viewer.getByLabel("Email").fill(viewerEmail);
  await viewer.getByLabel("Password").fill(PASSWORD);
  await viewer.getByRole("button", { name: "Sign in" }).click();
  await expect(viewer).toHaveURL(new RegExp(`/orgs/${orgSlug}$`));
  await expect(viewer.getByRole("link", { name: /App secrets/ })).toBeVisible();
  await expect(viewer.getByRole("link", { name: /Service CA|Prod access/ })).toHaveCount(0);
  // Under All projects the others are names to ask for access to, not pages to open.
  await viewer.getByRole("link", { name: "All projects" }).click();
  await expect(viewer.getByRole("button", { name: "Request access: Service CA" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: /Service CA|Prod access/ })).toHaveCount(0);
  await viewer.getByRole("link", { name: "My projects" }).click();

  // Read-only: members listed, but no controls to manage them.
  await viewer.getByRole("link", { name: /App secrets/ }).click();
  await viewer.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" }).click();
  await expect(viewer.getByRole("row", { name: /Vera Viewer/ })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Add member|Change roles|Remove/ })).toHaveCount(0);
  expect((await viewer.goto(`/orgs/${orgSlug}/projects/${secrets}/settings`))?.status()).toBe(404);

  for (const other of [pki, pam]) {
    expect((await viewer.goto(`/orgs/${orgSlug}/projects/${other}`))?.status()).toBe(404);
  }
  await viewerContext.close();
});
