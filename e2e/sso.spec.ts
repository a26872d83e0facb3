import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import Provider from "oidc-provider";
import { signUpWithOrg, uniqueSlug } from "./support/flows";

// A certified OpenID provider (oidc-provider) on a loopback port, with its own development
// login and consent pages: any login name signs in as that person.
const CLIENT_ID = "tessera-e2e";
const CLIENT_SECRET = "e2e-client-secret";
const DOMAIN = `${uniqueSlug("sso")}.test`;

let server: Server;
let issuer: string;

test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${baseURL}/api/sso/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_context, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@${DOMAIN}`, email_verified: true, name: id === "katherine" ? "Katherine Johnson" : "Ada Lovelace" }),
    }),
    cookies: { keys: ["e2e-cookie-key"] },
  });
  server.on("request", provider.callback());
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The provider's own pages: its login (any name), then its consent. */
async function signInAtProvider(page: import("@playwright/test").Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an Admin sets up SSO, tests it in a popup, turns it on; a colleague's first sign-in makes their account in the org", async ({ page, browser }) => {
  const { slug } = await signUpWithOrg(page, "SSO Org");
  await page.goto(`/orgs/${slug}/settings`);
  await expect(page.getByLabel("Redirect URI")).toHaveValue(/\/api\/sso\/callback$/);
  await page.getByLabel("Issuer URL").fill(issuer);
  await page.getByLabel("Client ID").fill(CLIENT_ID);
  await page.getByLabel("Client secret").fill(CLIENT_SECRET);
  await page.getByLabel("Allowed email domains").fill(`not a domain!`);
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByText("Not a domain name: not, a, domain!")).toBeVisible();
  await expect(page.getByLabel("Client ID")).toHaveValue(CLIENT_ID);
  await page.getByLabel("Allowed email domains").fill(DOMAIN);
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved, not tested yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn on single sign-on" })).toBeDisabled();

  // The test runs a real sign-in in a popup; closing it refreshes the settings.
  const popupOpened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Test connection" }).click();
  const popup = await popupOpened;
  await signInAtProvider(popup, "ada");
  await expect(popup.getByRole("heading", { name: "Single sign-on works" })).toBeVisible();
  // The click closes the popup, which can end the page before Playwright's click returns:
  // that error is expected only when the popup did close, and the close is what is awaited.
  const popupClosed = popup.waitForEvent("close");
  await popup
    .getByRole("button", { name: "Close this window" })
    .click()
    .catch((error: unknown) => {
      if (!popup.isClosed()) throw error;
    });
  await popupClosed;
  await expect(page.getByRole("status").filter({ hasText: /^Tested on .* by Ada Lovelace; off\.$/ })).toBeVisible();
  await page.getByRole("button", { name: "Turn on single sign-on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "On: people of the allowed domains sign in through the provider." })).toBeVisible();

  // A colleague who never had an account signs in from /sso with their work email.
  const colleague = await browser.newContext();
  const katherine = await colleague.newPage();
  await katherine.goto("/login");
  await katherine.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await katherine.getByLabel("Work email").fill(`katherine@${DOMAIN}`);
  await katherine.getByRole("button", { name: "Continue" }).click();
  await signInAtProvider(katherine, "katherine");
  await expect(katherine).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await expect(katherine.getByRole("button", { name: "Account menu for Katherine Johnson" })).toBeVisible();

  // The callback refuses an answer this browser did not start, with a page that says so.
  await katherine.goto("/api/sso/callback?code=stolen&state=not-ours");
  await expect(katherine).toHaveURL(/\/sso\?error=expired$/);
  await expect(katherine.getByText("This sign-in took too long, was already used, or started in another browser. Start again.")).toBeVisible();
  await colleague.close();

  await page.goto(`/orgs/${slug}/members`);
  await expect(page.getByRole("row", { name: /Katherine Johnson/ })).toContainText("Member");
});
