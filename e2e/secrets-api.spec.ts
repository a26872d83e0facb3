import { InfisicalSDK } from "@infisical/sdk";
import { expect, test } from "@playwright/test";
import { createIdentityWithSecret } from "./support/database";
import { createProject, signUpWithOrg } from "./support/flows";

// The proof that Tessera speaks Infisical's API: Infisical's own SDK, unchanged, against
// the running server — log in with Universal Auth, list, get, create, update, delete.
test("Infisical's SDK logs in with Universal Auth and works with a project's secrets", async ({ page, baseURL }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "SDK Org");
  const projectSlug = await createProject(page, orgSlug, "Payments API", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets?start=import`);
  const importDialog = page.getByRole("dialog", { name: "Import a .env file" });
  await importDialog.getByLabel("Contents").fill("DATABASE_URL=postgres://db.internal/payments\nSTRIPE_KEY='sk_test_123 # not a comment'\n");
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(importDialog).toBeHidden();

  const { clientId, clientSecret, projectId } = await createIdentityWithSecret(orgSlug, projectSlug, "member");
  const sdk = new InfisicalSDK({ siteUrl: baseURL! });
  await sdk.auth().universalAuth.login({ clientId, clientSecret });

  const listed = await sdk.secrets().listSecrets({ projectId, environment: "development", secretPath: "/" });
  expect(listed.secrets.map(({ secretKey, secretValue }) => ({ secretKey, secretValue }))).toEqual([
    { secretKey: "DATABASE_URL", secretValue: "postgres://db.internal/payments" },
    { secretKey: "STRIPE_KEY", secretValue: "sk_test_123 # not a comment" },
  ]);
  const one = await sdk.secrets().getSecret({ projectId, environment: "development", secretPath: "/", secretName: "STRIPE_KEY" });
  expect(one.secretValue).toBe("sk_test_123 # not a comment");

  await sdk.secrets().createSecret("FEATURE_FLAG", { projectId, environment: "development", secretPath: "/", secretValue: "on" });
  await sdk.secrets().updateSecret("FEATURE_FLAG", { projectId, environment: "development", secretPath: "/", secretValue: "off" });
  expect((await sdk.secrets().getSecret({ projectId, environment: "development", secretPath: "/", secretName: "FEATURE_FLAG" })).secretValue).toBe("off");
  await sdk.secrets().deleteSecret("FEATURE_FLAG", { projectId, environment: "development", secretPath: "/" });
  await expect(sdk.secrets().getSecret({ projectId, environment: "development", secretPath: "/", secretName: "FEATURE_FLAG" })).rejects.toThrow();

  // What the identity did is in the project's audit log, under its name.
  await page.goto(`/orgs/${orgSlug}/audit-log`);
  await expect(page.getByRole("row", { name: /Secrets read through the API/ }).first()).toContainText("E2E bot (machine identity)");
});

test("the API answers from outside in JSON: bad credentials, no token, malformed and oversized bodies", async ({ request }) => {
  const login = await request.post("/api/v1/auth/universal-auth/login", { data: { clientId: "00000000-0000-0000-0000-000000000000", clientSecret: "nope" } });
  expect(login.status()).toBe(401);
  expect(await login.json()).toEqual({ statusCode: 401, message: "Invalid client id or client secret", error: "Unauthorized" });

  const missing = await request.post("/api/v1/auth/universal-auth/login", { data: {} });
  expect(missing.status()).toBe(422);
  expect((await missing.json()).message).toMatch(/clientId/);

  const malformed = await request.post("/api/v1/auth/universal-auth/login", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);

  const huge = await request.post("/api/v1/auth/universal-auth/login", { headers: { "content-type": "application/json" }, data: Buffer.from(`{"clientId":"${"x".repeat(1024 * 1024)}"}`) });
  expect(huge.status()).toBe(413);

  const noToken = await request.get("/api/v3/secrets/raw?workspaceId=00000000-0000-0000-0000-000000000000&environment=dev");
  expect(noToken.status()).toBe(401);
  const badToken = await request.get("/api/v3/secrets/raw?workspaceId=00000000-0000-0000-0000-000000000000&environment=dev", { headers: { authorization: "Bearer tessera_at_forged" } });
  expect(badToken.status()).toBe(401);
});
