import { expect, test } from "@playwright/test";
import { createOrg, failOnCspViolations, PASSWORD, signIn, signUp, uniqueEmail, uniqueSlug } from "./support/flows";

test("sign up, create the first org on onboarding and land in it", async ({ page }) => {
  const violations = failOnCspViolations(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("link", { name: "Create an account" }).click();

  const email = uniqueEmail();
  await signUp(page, { name: "Grace Hopper", email });
  await expect(page.getByRole("heading", { name: "Welcome, Grace Hopper" })).toBeVisible();

  // The slug follows the name until edited.
  await page.getByLabel("Organization name").fill("Hopper Labs");
  await expect(page.getByLabel("URL slug")).toHaveValue("hopper-labs");
  const slug = uniqueSlug("hopper");
  await createOrg(page, { name: "Hopper Labs", slug });

  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  // The org's creator is offered a first step, not told to ask someone.
  await expect(page.getByRole("heading", { name: "Create your first project" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create your first project" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch organization (current: Hopper Labs)" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("slug problems show at the slug field and keep what was typed", async ({ page }) => {
  await signUp(page, { name: "Slug Tester", email: uniqueEmail() });
  await page.getByLabel("Organization name").fill("Reserved Words Inc");
  await page.getByLabel("URL slug").fill("settings");
  await page.getByRole("button", { name: "Create organization" }).click();
  const slugField = page.getByLabel("URL slug");
  await expect(slugField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText('"settings" is reserved. Choose another slug.')).toBeVisible();
  await expect(page.getByLabel("Organization name")).toHaveValue("Reserved Words Inc");
  await expect(slugField).toHaveValue("settings");
});

test("sign out, then sign in again to the same org", async ({ page }) => {
  const email = uniqueEmail();
  const slug = uniqueSlug("signin");
  await signUp(page, { name: "Alan Turing", email });
  await createOrg(page, { name: "Bletchley", slug });

  await page.getByRole("button", { name: "Account menu for Alan Turing" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, email.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));

  // A signed-out visit to an org page comes back to it after signing in.
  await page.context().clearCookies();
  await page.goto(`/orgs/${slug}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
});

test("a wrong password says so plainly and keeps the email typed", async ({ page }) => {
  const email = uniqueEmail();
  await signUp(page, { name: "Wrong Password", email });
  await page.context().clearCookies();

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(`${PASSWORD}!`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("status")).toHaveText("That email and password do not match an account. Check them and try again.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page).toHaveURL(/\/login$/);
});

test("a sign-in sent before the page's script runs never puts the password in the address", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(page.url()).not.toContain(encodeURIComponent(PASSWORD));
  expect(new URL(page.url()).search).toBe("");
  await context.close();
});

test("sign-up refuses a short password at its field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill(uniqueEmail());
  await page.getByLabel("Password").fill("tooshort");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Short Password");
});
