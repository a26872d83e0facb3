import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { createProject, PASSWORD, pickMembers, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("projects of each type are grouped and filtered; a Viewer sees only their project, read-only", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Three Products");
  const secrets = await createProject(page, orgSlug, "App secrets", "Secrets Management");
  const pki = await createProject(page, orgSlug, "Service CA", "PKI");
  const pam = await createProject(page, orgSlug, "Prod access", "PAM");

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
  await expect(viewer.getByRole("link", { name: "All projects" })).toHaveCount(0);

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
