import { expect, test, type Page } from "@playwright/test";
import { addOrgMember } from "./support/database";
import { createProject, pickMembers, signUp, signUpWithOrg, uniqueEmail } from "./support/flows";

async function explain(page: Page, orgSlug: string, who: string, projectName: string) {
  await page.goto(`/orgs/${orgSlug}/groups/explain`);
  await page.getByLabel("Who").fill(who);
  await page.getByLabel("Where").selectOption({ label: `${projectName} (Secrets Management)` });
  await page.getByLabel("Action").selectOption({ label: "Secrets: read values" });
  await page.getByLabel("Environment (slug)").fill("dev");
  await page.getByLabel("Secret path").fill("/");
  await page.getByRole("button", { name: "Explain" }).click();
  return page.getByTestId("explanation");
}

test("a group gives three people a project role; one reads a secret, is taken out, and is refused next; the explainer says why", async ({ page, browser }) => {
  const { slug: orgSlug } = await signUpWithOrg(page, "Groups Org");
  const projectSlug = await createProject(page, orgSlug, "Payments vault", "Secrets Management");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
  await page.getByRole("button", { name: "Add secret" }).click();
  const addSecret = page.getByRole("dialog", { name: "Add a secret" });
  await addSecret.getByLabel("Key", { exact: true }).fill("API_KEY");
  await addSecret.getByLabel("Value").fill("team-key-value");
  await addSecret.getByRole("button", { name: "Add secret" }).click();
  await expect(addSecret).toBeHidden();

  // Three people in the org with no role of their own anywhere.
  const people = [];
  for (const name of ["Grace Hopper", "Alan Turing", "Edsger Dijkstra"]) {
    const context = await browser.newContext();
    const personPage = await context.newPage();
    const email = uniqueEmail();
    await signUp(personPage, { name, email });
    await addOrgMember(orgSlug, email, "no-access");
    people.push({ name, email, context, page: personPage });
  }
  const grace = people[0]!;
  expect((await grace.page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`))?.status()).toBe(404);

  // The group, with its three members added at once.
  await page.goto(`/orgs/${orgSlug}`);
  await page.getByRole("navigation", { name: "Organization sections" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByText("No groups yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create group" }).click();
  const create = page.getByRole("dialog", { name: "Create a group" });
  await create.getByLabel("Name").fill("Backend");
  await create.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { name: "Backend", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Add members" }).click();
  const add = page.getByRole("dialog", { name: "Add members to Backend" });
  await pickMembers(
    add,
    people.map((person) => person.email),
  );
  await add.getByRole("button", { name: "Add 3 members" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("heading", { name: /Members/ })).toContainText("(3)");

  // Before the group has a role there: no.
  await expect(await explain(page, orgSlug, grace.email, "Payments vault")).toHaveText(
    /^No: none of Grace Hopper's roles in Payments vault allows it \(they hold none here\)\.$/,
  );

  // The group gets Member in the project, from the project's Members page.
  await page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/members`);
  await page.getByRole("button", { name: "Add group" }).click();
  const addGroup = page.getByRole("dialog", { name: "Add a group" });
  await addGroup.getByLabel("Group").selectOption({ label: "Backend" });
  await addGroup.getByRole("checkbox", { name: /^Member/ }).check();
  await addGroup.getByRole("button", { name: "Add group" }).click();
  await expect(addGroup).toBeHidden();
  await expect(page.getByRole("row", { name: /Backend/ })).toContainText("3 members");

  // Grace reads the secret through the group.
  await grace.page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`);
  await grace.page.getByRole("button", { name: "Reveal API_KEY" }).click();
  await expect(grace.page.getByLabel("Value of API_KEY")).toHaveText("team-key-value");
  await expect(await explain(page, orgSlug, grace.email, "Payments vault")).toHaveText(
    "Yes: role Member in Payments vault via group Backend; denied by nothing.",
  );
  await expect(page.getByText(/via group Backend \(added by Ada Lovelace on/)).toBeVisible();

  // Her page on the org's members list says what the group gives her.
  await page.goto(`/orgs/${orgSlug}/members?q=Grace`);
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  const groupRow = page.getByRole("region", { name: "Groups" }).getByRole("row", { name: /Backend/ });
  await expect(groupRow).toContainText("Payments vault");
  await expect(groupRow).toContainText("Member");

  // Taken out of the group: her very next request is refused.
  await page.goto(`/orgs/${orgSlug}/groups`);
  await page.getByRole("link", { name: "Backend" }).click();
  await page.getByRole("button", { name: "Remove Grace Hopper from Backend" }).click();
  await page.getByRole("alertdialog", { name: "Remove Grace Hopper from Backend?" }).getByRole("button", { name: "Remove from group" }).click();
  await expect(page.getByRole("heading", { name: /Members/ })).toContainText("(2)");
  expect((await grace.page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`))?.status()).toBe(404);
  await expect(await explain(page, orgSlug, grace.email, "Payments vault")).toHaveText(/^No: none of Grace Hopper's roles/);
  // The others still read it.
  const alan = people[1]!;
  await alan.page.goto(`/orgs/${orgSlug}/projects/${projectSlug}/secrets`);
  await alan.page.getByRole("button", { name: "Reveal API_KEY" }).click();
  await expect(alan.page.getByLabel("Value of API_KEY")).toHaveText("team-key-value");
  for (const person of people) await person.context.close();
});
