import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { addOrgMember } from "./support/database";
import { createOrg, signUp, signOutAndBackIn, signUpWithOrg, uniqueEmail, uniqueSlug } from "./support/flows";

/** A code for the step after now: never the one just used at enrolment, so never a replay. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Sets up an authenticator app from the account page; answers its key. */
async function enrol(page: Page): Promise<string> {
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code of the key for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-key").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const codes = page.getByRole("region", { name: "Recovery codes" });
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText(/On with an authenticator app\. 10 recovery codes left\./)).toBeVisible();
  return secret;
}

test("enrol an authenticator app, sign in with its code; an org requires it and a member is sent to enrol, their own org unaffected", async ({
  page,
  browser,
}) => {
  const { email, slug } = await signUpWithOrg(page, "Two-factor Org");
  const secret = await enrol(page);

  // Signed out, the password alone is not enough: the second step asks for the code.
  await signOutAndBackIn(page, email);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await code.fill("000000" === (await nextCode(secret)) ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  await code.fill(await nextCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The org requires it; the settings say who would be blocked first.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = uniqueEmail();
  await signUp(member, { name: "Grace Hopper", email: memberEmail });
  const ownSlug = uniqueSlug("own");
  await createOrg(member, { name: "Grace's own", slug: ownSlug });
  await addOrgMember(slug, memberEmail, "member");
  await page.goto(`/orgs/${slug}/settings`);
  await expect(page.getByText(/1 member has no second factor yet: Grace Hopper\./)).toBeVisible();
  await page.getByRole("button", { name: "Require two-factor sign-in" }).click();
  await page.getByRole("alertdialog", { name: "Require two-factor sign-in?" }).getByRole("button", { name: "Require it" }).click();
  await expect(page.getByText(/^Required: members without a second factor/)).toBeVisible();
  await page.goto(`/orgs/${slug}/members`);
  await expect(page.getByRole("row", { name: /Grace Hopper/ })).toContainText("Off");

  // The member is sent to enrol; their own org still opens.
  await member.goto(`/orgs/${slug}`);
  await expect(member).toHaveURL(new RegExp(`/account\\?two-factor-required=${slug}$`));
  await expect(member.getByText(`The organization ${slug} requires two-factor sign-in. Set it up below to open it.`)).toBeVisible();
  expect((await member.goto(`/orgs/${ownSlug}`))?.status()).toBe(200);
  await enrol(member);
  expect((await member.goto(`/orgs/${slug}`))?.status()).toBe(200);
  await expect(member).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await memberContext.close();
});
