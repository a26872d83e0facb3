import { expect, test } from "@playwright/test";
import { linkPathFromMail } from "./support/mail";
import { PASSWORD, signIn, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("forgot password: a mailed link sets a new one, signs every session out, and works once", async ({ page, browser }) => {
  // Three browsers and two mailed links: longer than one page flow.
  test.slow();
  const email = uniqueEmail();
  await signUp(page, { name: "Forgetful Fran", email });
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, email);
  await expect(other).toHaveURL(/\/onboarding$/);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Send me a link" }).click();
  await expect(visitor.getByRole("status")).toContainText("a link to set a new password is on its way");

  const resetPath = await linkPathFromMail(email, "reset-password");
  await visitor.goto(resetPath);
  await visitor.getByLabel("New password").fill("short");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByText("Use at least 12 characters")).toBeVisible();
  await visitor.getByLabel("New password").fill("a whole new passphrase");
  await visitor.getByRole("button", { name: "Set password" }).click();
  await expect(visitor.getByText("Your new password is set")).toBeVisible();

  // Every session of the account ended, in both browsers.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login/);
  // The old password is gone, the new one works, the link is dead.
  await signIn(visitor, email);
  await expect(visitor.getByRole("status")).toContainText("do not match");
  await visitor.getByLabel("Password").fill("a whole new passphrase");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/onboarding$/);
  await visitor.goto(resetPath);
  await expect(visitor.getByText("This link is no longer valid")).toBeVisible();
  await Promise.all([otherContext.close(), visitorContext.close()]);
});

test("account page: rename yourself; change password with the current one asked, other sessions end", async ({ page, browser }) => {
  const { email } = await signUpWithOrg(page);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, email);
  await expect(other).not.toHaveURL(/\/login/);

  await page.goto("/account");
  const nameForm = page.getByRole("form", { name: "Your name" });
  await nameForm.getByLabel("Name").fill("Ada King");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account menu for Ada King" })).toBeVisible();

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill("a fresh long passphrase");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  await expect(form.getByLabel("New password")).toHaveValue("a fresh long passphrase");
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Password changed.")).toBeVisible();

  await other.goto("/account");
  await expect(other).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await otherContext.close();
});

test("sign-up says the same for a taken address; its owner is told by mail", async ({ page, browser }) => {
  const { email } = await signUpWithOrg(page);
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto("/signup");
  await stranger.getByLabel("Name").fill("Someone Else");
  await stranger.getByLabel("Email").fill(email);
  await stranger.getByLabel("Password").fill("another long passphrase");
  await stranger.getByRole("button", { name: "Create account" }).click();
  await expect(stranger.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  // The owner's mailbox has a way back in, and their password still works.
  expect(await linkPathFromMail(email, "reset-password")).toMatch(/^\/reset-password\//);
  await strangerContext.close();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
});
