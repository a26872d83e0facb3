import { expect, test } from "@playwright/test";
import { failOnCspViolations, signIn, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("sign out everywhere ends the sessions in other browsers at once", async ({ page, browser }) => {
  const { email, slug } = await signUpWithOrg(page);

  const otherContext = await browser.newContext();
  const otherBrowser = await otherContext.newPage();
  await signIn(otherBrowser, email);
  await expect(otherBrowser).toHaveURL(new RegExp(`/orgs/${slug}$`));

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out of every session?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The other browser still holds its cookie, but the server no longer honours it.
  await otherBrowser.goto(`/orgs/${slug}`);
  await expect(otherBrowser).toHaveURL(/\/login/);
  await otherContext.close();
});

test("pages carry the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("an unknown page is a 404 that still passes the CSP", async ({ page }) => {
  const violations = failOnCspViolations(page);
  await signUp(page, { name: "Lost Visitor", email: uniqueEmail() });
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to my organizations" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  expect(violations).toEqual([]);
});
