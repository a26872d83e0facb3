import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { InfisicalSDK } from "@infisical/sdk";
import { expect, test } from "@playwright/test";
import { createIdentityWithSecret, setLoginTrustedIps } from "./support/database";
import { createProject, pickMembers, signUpWithOrg } from "./support/flows";

/** A Universal Auth login sent from a chosen source address on this machine: its status. */
function loginFrom(sourceAddress: string, port: number, body: { clientId: string; clientSecret: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        localAddress: sourceAddress,
        method: "POST",
        path: "/api/v1/auth/universal-auth/login",
        headers: { "content-type": "application/json" },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

// The proof that Tessera speaks Infisical's API: Infisical's own SDK, unchanged, against
// the running server — log in with Universal Auth, list, get, create, update, delete.
test("Infisical's SDK logs in with Universal Auth and works with a project's secrets", async ({ page, baseURL, request }) => {
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

  // The v4 paths Infisical also serves answer the same, naming the project projectId.
  const { accessToken } = await (await request.post("/api/v1/auth/universal-auth/login", { data: { clientId, clientSecret } })).json();
  const v4 = await request.get(`/api/v4/secrets?projectId=${projectId}&environment=dev&secretPath=/`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect((await v4.json()).secrets.map((secret: { secretKey: string }) => secret.secretKey)).toEqual(["DATABASE_URL", "STRIPE_KEY"]);
  const v4One = await request.get(`/api/v4/secrets/STRIPE_KEY?projectId=${projectId}&environment=dev`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect((await v4One.json()).secret.secretValue).toBe("sk_test_123 # not a comment");

  const listed = await sdk.secrets().listSecrets({ projectId, environment: "dev", secretPath: "/" });
  expect(listed.secrets.map(({ secretKey, secretValue }) => ({ secretKey, secretValue }))).toEqual([
    { secretKey: "DATABASE_URL", secretValue: "postgres://db.internal/payments" },
    { secretKey: "STRIPE_KEY", secretValue: "sk_test_123 # not a comment" },
  ]);
  const one = await sdk.secrets().getSecret({ projectId, environment: "dev", secretPath: "/", secretName: "STRIPE_KEY" });
  expect(one.secretValue).toBe("sk_test_123 # not a comment");

  await sdk.secrets().createSecret("FEATURE_FLAG", { projectId, environment: "dev", secretPath: "/", secretValue: "on" });
  await sdk.secrets().updateSecret("FEATURE_FLAG", { projectId, environment: "dev", secretPath: "/", secretValue: "off" });
  expect((await sdk.secrets().getSecret({ projectId, environment: "dev", secretPath: "/", secretName: "FEATURE_FLAG" })).secretValue).toBe("off");
  await sdk.secrets().deleteSecret("FEATURE_FLAG", { projectId, environment: "dev", secretPath: "/" });
  await expect(sdk.secrets().getSecret({ projectId, environment: "dev", secretPath: "/", secretName: "FEATURE_FLAG" })).rejects.toThrow();

  // Logins trusted from 127.0.0.1 only: the same request from another loopback address is refused.
  await setLoginTrustedIps(clientId, ["127.0.0.1/32"]);
  const port = Number(new URL(baseURL!).port);
  expect(await loginFrom("127.0.0.2", port, { clientId, clientSecret })).toBe(403);
  expect(await loginFrom("127.0.0.1", port, { clientId, clientSecret })).toBe(200);

  // What the identity did is in the project's audit log, under its name.
  await page.goto(`/orgs/${orgSlug}/audit-log`);
  await expect(page.getByRole("row", { name: /Secrets read through the API/ }).first()).toContainText("identity E2E bot");
});

test("the API answers from outside in JSON: bad credentials, no token, malformed and oversized bodies", async ({ request }) => {
  const login = await request.post("/api/v1/auth/universal-auth/login", { data: { clientId: "00000000-0000-0000-0000-000000000000", clientSecret: "nope" } });
  expect(login.status()).toBe(401);
  expect(await login.json()).toEqual({ statusCode: 401, message: "Invalid client id or client secret", error: "Unauthorized" });

  const missing = await request.post("/api/v1/auth/universal-auth/login", { data: {} });
  expect(missing.status()).toBe(422);
  expect((await missing.json()).message).toMatch(/clientId/);

  const malformed = await request.post("/api/v1/auth/universal-auth/login", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(malformed.status()).toBe(400);

  const huge = await request.post("/api/v1/auth/universal-auth/login", {
    headers: { "content-type": "application/json" },
    data: Buffer.from(`{"clientId":"${"x".repeat(1024 * 1024)}"}`),
  });
  expect(huge.status()).toBe(413);

  const notUtf8 = await request.post("/api/v1/auth/universal-auth/login", {
    headers: { "content-type": "application/json" },
    data: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  });
  expect(notUtf8.status()).toBe(400);
  expect((await notUtf8.json()).message).toBe("body: not UTF-8");

  const noToken = await request.get("/api/v3/secrets/raw?workspaceId=00000000-0000-0000-0000-000000000000&environment=dev");
  expect(noToken.status()).toBe(401);
  const badToken = await request.get("/api/v3/secrets/raw?workspaceId=00000000-0000-0000-0000-000000000000&environment=dev", {
    headers: { authorization: "Bearer tessera_at_forged" },
  });
  expect(badToken.status()).toBe(401);
});

test("an admin creates an identity and a client secret in the console; the SDK uses it until the secret is revoked", async ({ page, baseURL }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Identity Org");
  const projectSlug = await createProject(page, orgSlug, "Deploy vault", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets?start=add`);
  const add = page.getByRole("dialog", { name: "Add a secret" });
  await add.getByLabel("Key").fill("DEPLOY_TOKEN");
  await add.getByLabel("Value").fill("deploy-123");
  await add.getByRole("button", { name: "Add secret" }).click();
  await expect(add).toBeHidden();

  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Identities" }).click();
  await expect(page.getByText("No machine identities yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create identity" }).click();
  const create = page.getByRole("dialog", { name: "Create a machine identity" });
  await create.getByLabel("Name").fill("ci-deployer");
  await create.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ci-deployer" })).toBeVisible();
  const identityPage = page.url();

  await page.getByRole("button", { name: "Create client secret" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Create a client secret" });
  await secretDialog.getByLabel("Description").fill("GitHub Actions");
  await secretDialog.getByRole("button", { name: "Create secret" }).click();
  const clientId = await secretDialog.getByLabel("Client ID").inputValue();
  const clientSecret = await secretDialog.getByLabel("Client secret").inputValue();
  expect(clientSecret).toMatch(/^tessera_cs_[0-9A-Za-z]{49}$/);
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("listitem", { name: `Client secret …${clientSecret.slice(-4)}` })).toContainText("GitHub Actions");

  // A project admin gives it a role from the project's members page, where identities are listed apart.
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/members`);
  await expect(page.getByRole("row", { name: /ci-deployer/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Add identity" }).click();
  const addIdentity = page.getByRole("dialog", { name: "Add machine identities" });
  await pickMembers(addIdentity, ["ci-dep"], "Machine identities");
  await addIdentity.getByRole("checkbox", { name: /^Viewer/ }).check();
  await addIdentity.getByRole("button", { name: "Add to project" }).click();
  await expect(addIdentity).toBeHidden();
  const identities = page.getByRole("region", { name: "Machine identities" });
  await expect(identities.getByRole("row", { name: /ci-deployer/ })).toContainText("Viewer");
  await page.goto(identityPage);
  const projectLine = page.getByRole("listitem", { name: "Deploy vault" });
  await expect(projectLine).toContainText("Deploy vault: Viewer");
  // Use it names the project and says a Viewer lists keys without values.
  await expect(page.getByRole("note").filter({ hasText: "let it list keys but not read values" })).toBeVisible();
  const projectId = /project id ([0-9a-f-]{36})/.exec((await projectLine.textContent()) ?? "")![1]!;
  const sdk = new InfisicalSDK({ siteUrl: baseURL! });
  await sdk.auth().universalAuth.login({ clientId, clientSecret });
  // A Viewer: the key, and no value.
  const { secrets } = await sdk.secrets().listSecrets({ projectId, environment: "dev", secretPath: "/" });
  expect(secrets.map(({ secretKey, secretValue }) => ({ secretKey, secretValue }))).toEqual([{ secretKey: "DEPLOY_TOKEN", secretValue: "" }]);

  // Its live token is listed; revoking it refuses the SDK's next request.
  await page.reload();
  const tokens = page.getByRole("region", { name: "Live access tokens" });
  await expect(tokens.getByRole("listitem")).toHaveCount(1);
  await tokens.getByRole("button", { name: /^Revoke access token issued/ }).click();
  await page
    .getByRole("alertdialog", { name: /^Revoke access token issued/ })
    .getByRole("button", { name: "Revoke token" })
    .click();
  await expect(tokens.getByText("No live access tokens")).toBeVisible();
  await expect(sdk.secrets().listSecrets({ projectId, environment: "dev", secretPath: "/" })).rejects.toThrow();

  // Logins only from 10/8: a bad range is named at its field, a good one refuses this machine.
  const settings = page.getByRole("form", { name: "Universal Auth settings" });
  await settings.getByLabel("Logins allowed from").fill("10.0.0.0/33");
  await settings.getByRole("button", { name: "Save Universal Auth" }).click();
  await expect(settings.getByLabel("Logins allowed from")).toHaveAccessibleDescription(/invalid prefix length/);
  await settings.getByLabel("Logins allowed from").fill("10.0.0.0/8");
  await settings.getByRole("button", { name: "Save Universal Auth" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await expect(new InfisicalSDK({ siteUrl: baseURL! }).auth().universalAuth.login({ clientId, clientSecret })).rejects.toThrow();
  await settings.getByLabel("Logins allowed from").fill("0.0.0.0/0\n::/0");
  await settings.getByRole("button", { name: "Save Universal Auth" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await sdk.auth().universalAuth.login({ clientId, clientSecret });

  await page.getByRole("button", { name: `Revoke client secret …${clientSecret.slice(-4)}` }).click();
  const revoke = page.getByRole("alertdialog", { name: `Revoke client secret …${clientSecret.slice(-4)}?` });
  await revoke.getByLabel("Reason").fill("rotated");
  await revoke.getByRole("button", { name: "Revoke secret" }).click();
  await expect(page.getByRole("listitem", { name: `Client secret …${clientSecret.slice(-4)}` })).toContainText("Revoked: rotated");
  await expect(new InfisicalSDK({ siteUrl: baseURL! }).auth().universalAuth.login({ clientId, clientSecret })).rejects.toThrow();

  // New identities are protected from deletion; once that is turned off, deleting asks for
  // the name typed, then it is gone from the list.
  await expect(page.getByRole("button", { name: "Delete identity" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Protect from deletion" }).uncheck();
  await page.getByRole("button", { name: "Save identity" }).click();
  await expect(page.getByRole("button", { name: "Delete identity" })).toBeVisible();
  await page.getByRole("button", { name: "Delete identity" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: "Delete ci-deployer?" });
  await expect(confirmDelete.getByRole("button", { name: "Delete identity" })).toBeDisabled();
  await confirmDelete.getByLabel("Type ci-deployer to confirm").fill("ci-deployer");
  await confirmDelete.getByRole("button", { name: "Delete identity" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgSlug}/identities$`));
  await expect(page.getByText("No machine identities yet.")).toBeVisible();
});

test("from the identity's own page: added to a project, and its Use it examples pasted into a shell return the secret", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Paste Co");
  const projectSlug = await createProject(page, orgSlug, "Paste vault", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets?start=add`);
  const add = page.getByRole("dialog", { name: "Add a secret" });
  await add.getByLabel("Key").fill("PASTE_TOKEN");
  await add.getByLabel("Value").fill("paste-123");
  await add.getByRole("button", { name: "Add secret" }).click();
  await expect(add).toBeHidden();

  await page.goto(`/orgs/${orgSlug}/identities`);
  await page.getByRole("button", { name: "Create identity" }).click();
  const create = page.getByRole("dialog", { name: "Create a machine identity" });
  await create.getByLabel("Name").fill("paster");
  await create.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "paster" })).toBeVisible();
  const use = page.getByRole("region", { name: "Use it" });
  await expect(use).toContainText("Add it to a Secrets Management project");

  await page.getByRole("button", { name: "Add to project" }).click();
  const addToProject = page.getByRole("dialog", { name: "Add paster to a project" });
  await addToProject.getByLabel("Project").selectOption({ label: "Paste vault · Secrets Management" });
  await addToProject.getByLabel("Role").selectOption({ label: "Viewer" });
  await expect(addToProject.getByRole("note")).toContainText("Viewer cannot read secret values");
  await addToProject.getByLabel("Role").selectOption({ label: "Member" });
  await expect(addToProject.getByRole("note")).toHaveCount(0);
  await expect(addToProject).toContainText("Member allows");
  await addToProject.getByRole("button", { name: "Add to project" }).click();
  await expect(addToProject).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Paste vault" })).toContainText("Paste vault: Member");

  await page.getByRole("button", { name: "Create client secret" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Create a client secret" });
  await secretDialog.getByRole("button", { name: "Create secret" }).click();
  await expect(secretDialog.getByText("Client secret: shown only now")).toBeVisible();
  const clientSecret = await secretDialog.getByLabel("Client secret").inputValue();
  await secretDialog.getByRole("button", { name: "Done" }).click();

  // The examples carry the real project and an environment it reads; only the secret is a variable.
  await expect(use).toContainText("environment dev");
  const shell = (script: string, cwd?: string) =>
    execFileSync("bash", ["-c", script], { cwd, env: { ...process.env, TESSERA_CLIENT_SECRET: clientSecret }, encoding: "utf8" });
  const curl = (await use.getByLabel("curl example", { exact: true }).textContent())!;
  expect(JSON.parse(shell(curl)).secrets).toMatchObject([{ secretKey: "PASTE_TOKEN", secretValue: "paste-123", environment: "dev" }]);
  await use.getByRole("tab", { name: ".env via the API" }).click();
  const dotenv = (await use.getByLabel(".env via the API example", { exact: true }).textContent())!;
  const folder = mkdtempSync(path.join(tmpdir(), "tessera-env-"));
  shell(dotenv, folder);
  expect(readFileSync(path.join(folder, ".env"), "utf8")).toBe('PASTE_TOKEN="paste-123"\n');
  await use.getByRole("tab", { name: "@infisical/sdk" }).click();
  await expect(use.getByLabel("@infisical/sdk example", { exact: true })).toContainText('environment: "dev"');
});
