import { expect, test } from "@playwright/test";
import { signUpWithOrg, uniqueSlug } from "./support/flows";

test("create a second org from the switcher and switch between them by keyboard", async ({ page }) => {
  const first = await signUpWithOrg(page, "Acme");
  const switcher = page.getByRole("button", { name: "Switch organization (current: Acme)" });

  // Open the switcher and choose "Create organization" with the keyboard only.
  await switcher.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitemradio", { name: /Acme/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Create organization" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orgs\/new$/);

  const secondSlug = uniqueSlug("globex");
  await page.getByLabel("Organization name").fill("Globex");
  await page.getByLabel("URL slug").fill(secondSlug);
  await page.getByLabel("URL slug").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orgs/${secondSlug}$`));

  // Back to the first org: open with ArrowDown, move to Acme, choose with Enter.
  await page.getByRole("button", { name: "Switch organization (current: Globex)" }).focus();
  await page.keyboard.press("ArrowDown");
  const items = page.getByRole("menuitemradio");
  await expect(items).toHaveCount(2);
  await expect(page.getByRole("menuitemradio", { name: /Globex/ })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Home");
  await expect(page.getByRole("menuitemradio", { name: /Acme/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orgs/${first.slug}$`));
  await expect(page.getByRole("button", { name: "Switch organization (current: Acme)" })).toBeVisible();

  // Escape closes the menu and gives focus back to the switcher.
  await page.getByRole("button", { name: "Switch organization (current: Acme)" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(page.getByRole("button", { name: "Switch organization (current: Acme)" })).toBeFocused();
});

test("another user's org is a 404, the same as an org that does not exist", async ({ page, browser }) => {
  const owner = await signUpWithOrg(page, "Private Co");

  const outsiderContext = await browser.newContext();
  const outsider = await outsiderContext.newPage();
  await signUpWithOrg(outsider, "Outsider Inc");
  const response = await outsider.goto(`/orgs/${owner.slug}`);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(outsider.getByText("Private Co")).toHaveCount(0);

  const missing = await outsider.goto(`/orgs/${uniqueSlug("missing")}`);
  expect(missing?.status()).toBe(404);
  await outsiderContext.close();
});

test("an admin renames the org in Settings and sees its plan and seats", async ({ page }) => {
  const { slug } = await signUpWithOrg(page, "Old Name");
  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}/settings$`));
  await expect(page.getByText("1 of 5 seats used · 4 free")).toBeVisible();
  await page.getByLabel("Organization name").fill("New Name");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch organization (current: New Name)" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}/settings$`));
});

test("a header menu focused while the page loads keeps focus when it comes alive, and opens from the keyboard", async ({ page }) => {
  const { slug } = await signUpWithOrg(page, "Loading Co");
  // Hold the page's scripts, so that it stays as the server drew it (the menus' triggers
  // alone) until the test lets it hydrate.
  const held: Array<() => Promise<void>> = [];
  let holding = true;
  await page.route("**/_next/static/chunks/*.js", (route) => (holding ? void held.push(() => route.continue()) : route.continue()));
  await page.goto(`/orgs/${slug}/members`, { waitUntil: "domcontentloaded" });
  const switcher = page.getByRole("button", { name: "Switch organization (current: Loading Co)" });
  await switcher.focus();
  await expect(switcher).toBeFocused();
  await expect(switcher).not.toHaveAttribute("id", /radix/);

  holding = false;
  await Promise.all(held.map((release) => release()));
  // Radix names its trigger once it has replaced the server's button.
  await expect(switcher).toHaveAttribute("id", /radix/);
  await expect(switcher).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu").getByRole("menuitemradio", { name: /Loading Co/ })).toHaveAttribute("aria-checked", "true");
});
