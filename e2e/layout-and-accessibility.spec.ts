import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addOrgMember, createIdentityWithSecret } from "./support/database";
import { createProject, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

/** An org with a colleague and a Secrets Management project holding one secret: every main page has content. */
async function arrangeOrg(page: Page, browser: import("@playwright/test").Browser) {
  const { slug: orgSlug } = await signUpWithOrg(page, "Layout Org");
  const colleagueContext = await browser.newContext();
  const colleagueEmail = uniqueEmail();
  await signUp(await colleagueContext.newPage(), { name: "Cleo Colleague", email: colleagueEmail });
  await colleagueContext.close();
  await addOrgMember(orgSlug, colleagueEmail, "member");
  const projectSlug = await createProject(page, orgSlug, "Payments vault", "Secrets Management");
  const project = `/orgs/${orgSlug}/projects/${projectSlug}`;
  await page.goto(`${project}/secrets`);
  await page.getByRole("button", { name: "Add secret" }).click();
  const add = page.getByRole("dialog", { name: /Add a secret/ });
  await add.getByLabel("Key").fill("DATABASE_URL");
  await add.getByLabel("Value").fill("postgres://db.internal/payments");
  await add.getByRole("button", { name: "Add secret" }).click();
  await expect(add).toBeHidden();
  const { identityId } = await createIdentityWithSecret(orgSlug, projectSlug, "viewer");
  const pam = `/orgs/${orgSlug}/projects/${await createProject(page, orgSlug, "Prod databases", "PAM")}`;
  const pki = `/orgs/${orgSlug}/projects/${await createProject(page, orgSlug, "Internal PKI", "PKI")}`;
  return {
    orgSlug,
    pages: {
      projects: `/orgs/${orgSlug}`,
      members: `/orgs/${orgSlug}/members`,
      invitations: `/orgs/${orgSlug}/members/invitations`,
      orgRoles: `/orgs/${orgSlug}/roles`,
      orgRoleEditor: `/orgs/${orgSlug}/roles/member`,
      auditLog: `/orgs/${orgSlug}/audit-log`,
      identities: `/orgs/${orgSlug}/identities`,
      identity: `/orgs/${orgSlug}/identities/${identityId}`,
      settings: `/orgs/${orgSlug}/settings`,
      billing: `/orgs/${orgSlug}/billing`,
      accessRequests: `/orgs/${orgSlug}/access-requests`,
      overview: project,
      secrets: `${project}/secrets`,
      environments: `${project}/environments`,
      projectMembers: `${project}/members`,
      projectRoles: `${project}/roles`,
      projectRoleEditor: `${project}/roles/member`,
      requestPolicies: `${project}/request-policies`,
      account: "/account",
      pamResources: `${pam}/resources`,
      pamAccounts: `${pam}/accounts`,
      pamPolicies: `${pam}/access-policies`,
      pamRequests: `${pam}/access-requests`,
      pamSessions: `${pam}/sessions`,
      pkiProfiles: `${pki}/certificate-profiles`,
    },
  };
}

/** The page does not scroll sideways; a failure names the outermost elements that stick out. */
async function noHorizontalPageScroll(page: Page): Promise<void> {
  const { overflow, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    // Content that scrolls inside its own box (a wide table) is fine; what is not clipped is not.
    const clipped = (element: HTMLElement) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticking = [...document.body.querySelectorAll<HTMLElement>("*")].filter(
      (element) => element.getBoundingClientRect().right > width + 1 && !clipped(element),
    );
    return {
      overflow: document.documentElement.scrollWidth - width,
      culprits: sticking.slice(0, 5).map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`),
    };
  });
  expect(overflow, `page is ${overflow}px wider than the window: ${culprits.join(", ")}`).toBeLessThanOrEqual(0);
}

/** Every button and link in a table row's last (actions) cell lies within the window's width: reachable without scrolling sideways. */
async function rowActionsWithinWidth(page: Page): Promise<void> {
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("tbody tr td:last-child :is(button, a)")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > window.innerWidth + 1);
      })
      .map((element) => element.getAttribute("aria-label") ?? element.textContent ?? ""),
  );
  expect(outside, `row actions out of reach: ${outside.join(", ")}`).toEqual([]);
}

test.describe("at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the main pages fit the screen, keep their primary actions in view, pass axe, and collapse the project menu", async ({ page, browser }) => {
    // Twenty-three pages, each with an axe run of a few seconds on these two cores.
    test.setTimeout(360_000);
    const { pages } = await arrangeOrg(page, browser);
    for (const [name, path] of Object.entries(pages)) {
      await test.step(name, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await noHorizontalPageScroll(page);
        await rowActionsWithinWidth(page);
        await expect(page.getByRole("button", { name: /^Account menu for/ })).toBeInViewport();
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    // The org's tab strip scrolls: the current tab is in view, and an arrow says more are on the side they are.
    const tabs = page.getByRole("navigation", { name: "Organization sections" });
    await page.goto(pages.projects);
    await expect(tabs.getByTestId("more-tabs-after")).toBeVisible();
    await expect(tabs.getByTestId("more-tabs-before")).toBeHidden();
    await page.goto(pages.settings);
    await expect(tabs.getByRole("link", { name: "Settings" })).toBeInViewport({ ratio: 0.95 });
    await expect(tabs.getByTestId("more-tabs-before")).toBeVisible();

    // The role editor's effective-access panel, below the grid on a phone, is one link away from the top.
    await page.goto(pages.projectRoleEditor);
    await page.getByRole("link", { name: "Jump to effective access" }).click();
    await expect(page.getByRole("heading", { name: "Effective access" })).toBeInViewport();

    await page.goto(pages.members);
    await expect(page.getByRole("button", { name: "Invite people" })).toBeInViewport();
    await page.getByRole("button", { name: "Invite people" }).click();
    const invite = page.getByRole("dialog", { name: "Invite people" });
    await expect(invite.getByRole("button", { name: "Create invitations" })).toBeInViewport();

    await page.goto(pages.projectMembers);
    await expect(page.getByRole("button", { name: "Add member" })).toBeInViewport();
    // The project's sections are one button until opened.
    const sections = page.getByRole("navigation", { name: "Project" });
    await expect(sections.getByRole("link", { name: "Secrets" })).toBeHidden();
    await sections.getByRole("button", { name: "Project sections, current: Members" }).click();
    await sections.getByRole("link", { name: "Secrets" }).click();
    await expect(page).toHaveURL(/\/secrets$/);
    await expect(sections.getByRole("link", { name: "Overview" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Add secret" })).toBeInViewport();
  });
});

/** Serious and critical WCAG A/AA violations on what is on screen now, described for the failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

test("every main page and open dialog has no serious or critical accessibility violations", async ({ page, browser }) => {
  // Thirty-one axe runs, each a few seconds on these two cores.
  test.setTimeout(360_000);
  const { pages } = await arrangeOrg(page, browser);
  for (const [name, path] of Object.entries(pages)) {
    await test.step(name, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  const dialogs: Array<{ path: string; open: string; dialog: RegExp }> = [
    { path: pages.projects, open: "New project", dialog: /Create a project/ },
    { path: pages.members, open: "Invite people", dialog: /Invite people/ },
    { path: pages.members, open: "Role of Cleo Colleague: Member. Change", dialog: /Change Cleo Colleague's role/ },
    { path: pages.projectMembers, open: "Add member", dialog: /Add members/ },
    { path: pages.secrets, open: "Add secret", dialog: /Add a secret/ },
    { path: pages.pamResources, open: "Add database", dialog: /Add a PostgreSQL database/ },
    { path: pages.pamPolicies, open: "Create policy", dialog: /Create an access policy/ },
    { path: pages.requestPolicies, open: "Create policy", dialog: /Create a request policy/ },
    { path: pages.overview, open: "Request a role", dialog: /Request a role in/ },
  ];
  for (const { path, open, dialog } of dialogs) {
    await test.step(`dialog: ${open}`, async () => {
      await page.goto(path);
      await page.getByRole("button", { name: open }).click();
      await expect(page.getByRole("dialog", { name: dialog }).or(page.getByRole("alertdialog", { name: dialog }))).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
