import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL_FILE } from "../scripts/lib/state-dir";
import { addPlaceholderMembers } from "./support/database";
import { signUpWithOrg, uniqueEmail } from "./support/flows";

// A Free org at its seat limit cannot open the invite form, and says why; the instance
// operator raises the plan from the shell; the invitation then goes through. The billing
// page shows the plan, what is used of it, and keeps the billing details.
test("seat limit: invite disabled with the reason, the operator raises the plan, the invite goes through", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Full House");
  await addPlaceholderMembers(orgSlug, 4);
  await page.goto(`/orgs/${orgSlug}/members`);
  await expect(page.getByText("5 of 5 seats used · 0 free")).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite people" })).toBeDisabled();
  await expect(page.getByText("5 / 5 seats used")).toBeVisible();

  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("This organization is on the Free plan.", { exact: false })).toBeVisible();
  await expect(page.getByRole("meter", { name: "Seats (people and machine identities): 5 of 5" })).toBeVisible();

  const run = promisify(execFile);
  const { stdout } = await run("npx", ["tsx", "scripts/org-command.ts", "plan", orgSlug, "PRO"], {
    env: { ...process.env, DATABASE_URL: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() },
  });
  expect(stdout).toBe(`${orgSlug}: FREE → PRO.\n`);
  await page.reload();
  await expect(page.getByText("This organization is on the Pro plan.", { exact: false })).toBeVisible();

  // Billing details: a bad address is refused at its field, nothing typed is lost.
  await page.getByLabel("Company name").fill("Full House GmbH");
  await page.getByLabel("Billing email").fill("not-an-address");
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(page.getByText("Enter an email address, like billing@example.com")).toBeVisible();
  await expect(page.getByLabel("Company name")).toHaveValue("Full House GmbH");
  await page.getByLabel("Billing email").fill("billing@fullhouse.example");
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Billing email")).toHaveValue("billing@fullhouse.example");

  await page.goto(`/orgs/${orgSlug}/members/invitations`);
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  const email = uniqueEmail();
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByRole("button", { name: "Create invitations" }).click();
  await expect(dialog.getByText(`Invitation mailed to ${email.toLowerCase()}.`)).toBeVisible();
});
