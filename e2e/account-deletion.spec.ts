import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUpWithOrg } from "./support/flows";

test("the last Admin must delete their org before their account; both ask for confirmation", async ({ page }) => {
  const { email, slug } = await signUpWithOrg(page, "Solo Org");
  await page.goto("/account");
  await expect(page.getByRole("note")).toContainText("You are the last Admin of these organizations");
  await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);

  await page.getByRole("note").getByRole("link", { name: "Solo Org" }).click();
  await page.goto(`/orgs/${slug}/settings`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  const confirmOrg = page.getByRole("alertdialog", { name: "Delete Solo Org?" });
  const deleteOrgButton = confirmOrg.getByRole("button", { name: "Delete this organization" });
  await expect(deleteOrgButton).toBeDisabled();
  await confirmOrg.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await deleteOrgButton.click();
  await expect(page).toHaveURL(/\/onboarding$/);
  expect((await page.goto(`/orgs/${slug}`))?.status()).toBe(404);

  await page.goto("/account");
  await page.getByRole("button", { name: "Delete account" }).click();
  const confirmAccount = page.getByRole("alertdialog", { name: "Delete your account?" });
  await confirmAccount.getByLabel("Your password").fill("not the password");
  await confirmAccount.getByRole("button", { name: "Delete my account" }).click();
  await expect(confirmAccount.getByText("That is not your password.")).toBeVisible();
  await confirmAccount.getByLabel("Your password").fill(PASSWORD);
  await confirmAccount.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, email);
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});
