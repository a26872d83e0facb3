import { expect, test } from "@playwright/test";
import { signUpWithOrg } from "./support/flows";

// An Admin makes a provisioning token on the settings page, an identity provider uses it over
// HTTP against the running server, and revoking it (after a confirmation) shuts the door.
test("an Admin creates a provisioning token, the provider uses it, and revoking it stops it", async ({ page, request }) => {
  const { slug } = await signUpWithOrg(page, "SCIM Org");
  await page.goto(`/orgs/${slug}/settings`);
  const card = page.getByRole("heading", { name: "Provisioning (SCIM)" }).locator("..");
  await expect(card.getByText("No provisioning tokens yet.")).toBeVisible();
  await card.getByRole("button", { name: "Create provisioning token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a provisioning token" });
  await dialog.getByRole("button", { name: "Create token" }).click();
  // Nothing typed is lost: the name is asked for at its field.
  await expect(dialog.getByText("Name the token after the provider that will use it")).toBeVisible();
  await dialog.getByLabel("Name").fill("Okta");
  await dialog.getByLabel("Expires").selectOption("90");
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("Token created. Copy it now")).toBeVisible();
  const token = await dialog.getByLabel("Provisioning token").inputValue();
  const baseUrl = await dialog.getByLabel("SCIM base URL").first().inputValue();
  expect(token).toMatch(/^tessera_scim_/);
  expect(baseUrl).toMatch(new RegExp(`/api/scim/v2/${slug}$`));
  await page.keyboard.press("Escape");

  const users = () => request.get(`${new URL(baseUrl).pathname}/Users?count=10`, { headers: { authorization: `Bearer ${token}` } });
  const answer = await users();
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("application/scim+json");
  expect(await answer.json()).toMatchObject({ totalResults: 0, Resources: [] });

  await page.reload();
  const row = page.getByRole("row", { name: /Okta/ });
  await expect(row.getByRole("cell", { name: /Expires/ })).toBeVisible();
  await expect(row.getByRole("cell").nth(2)).not.toHaveText("Never");
  await row.getByRole("button", { name: "Revoke provisioning token Okta" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByRole("cell", { name: /Revoked/ })).toBeVisible();
  const refused = await users();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"] });
});
