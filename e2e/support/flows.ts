import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(): string {
  return `e2e-${randomUUID().slice(0, 12)}@example.com`;
}

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Fails the test if the page reports a Content-Security-Policy violation. */
export function failOnCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

export async function signUp(page: Page, { name, email }: { name: string; email: string }): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
}

export async function createOrg(page: Page, { name, slug }: { name: string; slug: string }): Promise<void> {
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("URL slug").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
}

/** A new user with one org, signed in, on that org's page. */
export async function signUpWithOrg(page: Page, orgName = "Acme") {
  const email = uniqueEmail();
  const slug = uniqueSlug("acme");
  await signUp(page, { name: "Ada Lovelace", email });
  await createOrg(page, { name: orgName, slug });
  return { email, slug };
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}
