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

test("each sign-in is its own session: listed with its address, signed out alone, and a copied cookie dies with it", async ({ page, browser }) => {
  const { email, slug } = await signUpWithOrg(page);

  // Another browser that claims, in a header, to come from somewhere else.
  const forgedContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.99" } });
  const forged = await forgedContext.newPage();
  await signIn(forged, email);
  await expect(forged).toHaveURL(new RegExp(`/orgs/${slug}$`));

  await page.goto("/account");
  const sessions = page.getByRole("list", { name: "Active sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByRole("listitem").filter({ hasText: "This session" })).toHaveCount(1);
  // The address is the connection's: the forged header was not believed.
  await expect(sessions).not.toContainText("203.0.113.99");
  await expect(sessions.getByRole("listitem").first()).toContainText(/127\.0\.0\.1|::1/);

  // Signing out in the other browser ends that session on the server: its copied cookie opens nothing.
  const copied = await forgedContext.cookies();
  await forged.getByRole("button", { name: /account menu/i }).click();
  await forged.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(forged).toHaveURL(/\/login/);
  const thiefContext = await browser.newContext();
  await thiefContext.addCookies(copied);
  const thief = await thiefContext.newPage();
  await thief.goto("/account");
  await expect(thief).toHaveURL(/\/login/);
  await page.reload();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);

  // A third browser is signed out from the list, and only it.
  const thirdContext = await browser.newContext();
  const third = await thirdContext.newPage();
  await signIn(third, email);
  await expect(third).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await page.reload();
  const other = sessions.getByRole("listitem").filter({ hasNotText: "This session" });
  await other.getByRole("button", { name: /^Sign out Chrome/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign out" }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await third.goto(`/orgs/${slug}`);
  await expect(third).toHaveURL(/\/login/);
  await page.goto(`/orgs/${slug}`);
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await Promise.all([forgedContext.close(), thiefContext.close(), thirdContext.close()]);
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
