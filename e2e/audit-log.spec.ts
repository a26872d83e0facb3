import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { changeOrgRole, createProject, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

test("an admin changes a member's role, finds the event by filtering, opens it and exports it", async ({ page, browser }) => {
  const { email: adminEmail, slug: orgSlug } = await signUpWithOrg(page, "Audited Org");
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  const colleagueEmail = uniqueEmail();
  await signUp(colleague, { name: "Audrey Audited", email: colleagueEmail });
  await colleagueContext.close();
  await addOrgMember(orgSlug, colleagueEmail, "member");

  await page.goto(`/orgs/${orgSlug}/members`);
  await changeOrgRole(page, "Audrey Audited", "No access");
  await expect(page.getByRole("row", { name: /Audrey Audited/ })).toContainText("No access");

  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("link", { name: "Organization created" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the audit log" });
  await filters.getByLabel("Action").selectOption({ label: "Member role changed" });
  await filters.getByLabel("Actor email").fill(adminEmail);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=member.role-changed/);
  await expect(page.getByRole("link", { name: "Organization created" })).toHaveCount(0);
  const events = page.getByRole("link", { name: "Member role changed" });
  await expect(events).toHaveCount(1);
  const eventRow = page.getByRole("row", { name: /Member role changed/ });
  await expect(eventRow).toContainText("Ada Lovelace");
  // Names and the change itself, not ids.
  await expect(eventRow).toContainText(`user Audrey Audited (${colleagueEmail})`);
  await expect(eventRow).toContainText("Member → No access");

  await events.click();
  await expect(page.getByRole("heading", { name: "Member role changed" })).toBeVisible();
  await expect(page.locator("pre")).toContainText('"before": "member"');
  await expect(page.locator("pre")).toContainText('"after": "no-access"');
  await page.getByRole("link", { name: "← Audit log" }).click();
  await filters.getByLabel("Action").selectOption({ label: "Member role changed" });
  await filters.getByRole("button", { name: "Filter" }).click();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8").trim().split("\r\n");
  expect(csv[0]).toMatch(/^time,action,actor_id,actor_email/);
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain("member.role-changed");
  expect(csv[1]).toContain(adminEmail);
});

test("the org's log names each event's project and filters by project and by the target's name", async ({ page }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Projected Org");
  await createProject(page, orgSlug, "Alpha vault", "Secrets Management");
  const betaSlug = await createProject(page, orgSlug, "Beta vault", "Secrets Management");
  await page.goto(`/orgs/${orgSlug}/audit-log`);
  await expect(page.getByRole("row", { name: /Organization created/ })).toContainText("—");
  const filters = page.getByRole("search", { name: "Filter the audit log" });
  await filters.getByRole("textbox", { name: "Project" }).fill(betaSlug);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: "Organization created" })).toHaveCount(0);
  const created = page.getByRole("row", { name: /Project created/ });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText("Beta vault");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
  // The fields show the URL's filters again, not the project chosen before.
  await expect(filters.getByRole("textbox", { name: "Project" })).toHaveValue("");
  await filters.getByLabel("Target").fill("alpha");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/target=alpha/);
  await expect(page.getByRole("row", { name: /Project created/ })).toHaveCount(1);
  await expect(page.getByRole("row", { name: /Project created/ })).toContainText("project Alpha vault");
});
