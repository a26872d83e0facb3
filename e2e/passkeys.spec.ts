import { expect, test, type Page } from "@playwright/test";
import { addOrgMember, ageSecondFactors } from "./support/database";
import { PASSWORD, signUp, signOutAndBackIn, signUpWithOrg, uniqueEmail } from "./support/flows";

/** Chromium's own virtual authenticator (DevTools protocol): a platform passkey that answers by itself. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

test("register a passkey, sign in with it, step up with it before a role change, and remove it", async ({ page, browser }) => {
  const { email, slug } = await signUpWithOrg(page, "Passkey Org");
  await virtualAuthenticator(page);

  await page.goto("/account");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const add = page.getByRole("dialog", { name: "Add a passkey" });
  await add.getByLabel("Your password").fill("not my password");
  await add.getByLabel("Name").fill("Work laptop");
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(add.getByText("That is not your password.")).toBeVisible();
  await expect(add.getByLabel("Name")).toHaveValue("Work laptop");
  await add.getByLabel("Your password").fill(PASSWORD);
  await add.getByRole("button", { name: "Add a passkey" }).click();
  const codes = page.getByRole("region", { name: "Recovery codes" });
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("On with 1 passkey. 10 recovery codes left.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Passkeys" }).getByRole("listitem")).toContainText(["Work laptop"]);

  // Signed out, the password alone is not enough; the passkey is.
  await signOutAndBackIn(page, email);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The org asks for the second factor again before changing roles, once the last one is old.
  await page.goto(`/orgs/${slug}/settings`);
  await page.getByLabel("Ask again").selectOption({ label: "After 5 minutes" });
  await page.getByRole("button", { name: "Save step-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const colleague = await browser.newContext();
  const colleaguePage = await colleague.newPage();
  const colleagueEmail = uniqueEmail();
  await signUp(colleaguePage, { name: "Grace Hopper", email: colleagueEmail });
  await colleague.close();
  await addOrgMember(slug, colleagueEmail, "member");
  await ageSecondFactors(email);

  await page.goto(`/orgs/${slug}/members`);
  await page.getByRole("button", { name: /^Role of Grace Hopper: / }).click();
  await page
    .getByRole("alertdialog", { name: "Change Grace Hopper's role" })
    .getByRole("radio", { name: /^Admin/ })
    .check();
  await page.getByRole("alertdialog", { name: "Change Grace Hopper's role to Admin?" }).getByRole("button", { name: "Change role" }).click();
  const stepUp = page.getByRole("dialog", { name: "Confirm it is you" });
  await expect(stepUp).toBeVisible();
  await stepUp.getByRole("button", { name: "Use a passkey" }).click();
  await expect(stepUp).toBeHidden();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByRole("button", { name: /^Role of Grace Hopper: Admin/ })).toBeVisible();

  // Removing it asks for a second factor: the passkey itself will do.
  await page.goto("/account");
  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByText(/^Off\. Sign-in asks for your password only\./)).toBeVisible();
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
});
