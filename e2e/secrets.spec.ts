import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createProjectRole } from "./support/database";
import { colleagueWithProjectRole, createProject, signUpWithOrg } from "./support/flows";

const ROLE = "Secrets editor except production";
const SECRET_ACTIONS = ["describe", "read-value", "create", "edit", "delete"];

async function addSecret(page: Page, key: string, value: string) {
  await page.getByRole("button", { name: "Add secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a secret" });
  await dialog.getByLabel("Key", { exact: true }).fill(key);
  await dialog.getByLabel("Value").fill(value);
  await dialog.getByRole("button", { name: "Add secret" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(key) })).toBeVisible();
}

test("a member adds secrets in Development and cannot reveal Production values under a custom role", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Secrets Org");
  const projectSlug = await createProject(page, orgSlug, "Payments vault", "Secrets Management");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
  const environments = page.getByRole("navigation", { name: "Environments" });
  await expect(environments.getByRole("link")).toHaveText(["Development", "Staging", "Production"]);
  await environments.getByRole("link", { name: "Production" }).click();
  await expect(page.getByText("No secrets in / of Production yet.")).toBeVisible();
  await addSecret(page, "DB_PASSWORD", "production-password");

  await createProjectRole(orgSlug, projectSlug, {
    slug: "secrets-editor-except-production",
    name: ROLE,
    permissions: [
      { subject: "project", actions: ["read"] },
      { subject: "environment", actions: ["read"] },
      { subject: "secret", actions: SECRET_ACTIONS },
      {
        subject: "secret",
        actions: ["read-value", "create", "edit", "delete"],
        inverted: true,
        conditions: [{ field: "environment", operator: "eq", value: "prod" }],
      },
    ],
  });
  const { context: colleagueContext, colleague } = await colleagueWithProjectRole(browser, page, { orgSlug, projectSlug, roleName: ROLE });

  // Development: the colleague adds a secret and reads it back.
  await colleague.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`);
  await expect(colleague.getByRole("navigation", { name: "Environments" }).getByRole("link", { name: "Development" })).toHaveAttribute("aria-current", "page");
  await addSecret(colleague, "API_KEY", "development-key");
  await expect(colleague.getByText("development-key")).toHaveCount(0);
  await colleague.getByRole("button", { name: "Reveal API_KEY" }).click();
  await expect(colleague.getByLabel("Value of API_KEY")).toHaveText("development-key");
  await colleague.getByRole("button", { name: "Hide API_KEY" }).click();
  await expect(colleague.getByText("development-key")).toHaveCount(0);

  // Production: the key is listed, its value is not revealable, and nothing can be added.
  await colleague.getByRole("navigation", { name: "Environments" }).getByRole("link", { name: "Production" }).click();
  const row = colleague.getByRole("row", { name: /DB_PASSWORD/ });
  await expect(row).toContainText("no access to the value");
  await expect(row.getByRole("button", { name: /Reveal/ })).toHaveCount(0);
  await expect(colleague.getByRole("button", { name: "Add secret" })).toHaveCount(0);
  await expect(colleague.getByRole("button", { name: "Export .env" })).toHaveCount(0);
  expect(await colleague.content()).not.toContain("production-password");

  // One key across environments: Production shows, but does not reveal.
  await colleague.getByRole("link", { name: "Compare across environments" }).click();
  await expect(colleague.getByRole("heading", { name: "Compare a secret across environments" })).toBeVisible();
  await colleague.getByLabel("Key", { exact: true }).fill("DB_PASSWORD");
  await colleague.getByRole("button", { name: "Compare" }).click();
  await expect(colleague.getByRole("row", { name: /Development/ })).toContainText("Not set");
  await expect(colleague.getByRole("row", { name: /Production/ })).toContainText("no access to the value");

  // The admin reveals it from the same view; the log names both reveals, never a value.
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets/compare?key=DB_PASSWORD`);
  await page.getByRole("button", { name: "Reveal DB_PASSWORD in Production" }).click();
  await expect(page.getByLabel("Value of DB_PASSWORD in Production")).toHaveText("production-password");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/audit-log`);
  await expect(page.getByRole("row", { name: /Secret value revealed/ })).toHaveCount(2);
  expect(await page.content()).not.toContain("production-password");
  await colleagueContext.close();
});

test("a .env import then export round-trips", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Dotenv Org");
  const projectSlug = await createProject(page, orgSlug, "Config", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets?env=staging`);
  // Written as the export writes: single quotes keep every character as it is, newlines included.
  const content = "API_URL=https://api.example.com\nDB_PASSWORD='p@ss word #1'\nMULTILINE='line one\nline two'\n";

  await page.getByRole("button", { name: "Import .env" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a .env file" });
  await dialog.getByLabel(".env file").setInputFiles({ name: "staging.env", mimeType: "text/plain", buffer: Buffer.from("BROKEN LINE\n") });
  await expect(dialog.getByLabel("Contents")).toHaveValue("BROKEN LINE\n");
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByText("Line 1: expected KEY=value.")).toBeVisible();
  await dialog.getByLabel(".env file").setInputFiles({ name: "staging.env", mimeType: "text/plain", buffer: Buffer.from(content) });
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toHaveText("Imported: 3 added, 0 replaced, 0 already there and kept.");
  await expect(page.getByRole("rowheader")).toHaveText(["API_URL", "DB_PASSWORD", "MULTILINE"]);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export .env" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${projectSlug}-staging-secrets.env`);
  expect(readFileSync(await download.path(), "utf8")).toBe(content);
});
