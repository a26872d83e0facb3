// `npm run screenshots`: the README's pictures, retaken against a production build on a
// throw-away embedded PostgreSQL seeded with a small, made-up company. People and their
// org roles go in by SQL (as an import would); projects, secrets and roles go through the
// console itself, in Debian's Chromium. Output: docs/screenshots/*.png.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { chromium, type Page } from "@playwright/test";
import pg from "pg";
import { buildIfStale } from "./lib/build.ts";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { findFreePort } from "./lib/free-port.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { projectRoot, spawnServer } from "./lib/run.ts";
import { createTestDatabase } from "./lib/test-database.ts";

const OUT = path.join(projectRoot, "docs", "screenshots");
const PASSWORD = "screenshots password 2026";
const ADMIN = { name: "Ada Lovelace", email: "ada@acme.example" };
const PEOPLE = [
  ["Grace Hopper", "admin"],
  ["Alan Turing", "member"],
  ["Katherine Johnson", "member"],
  ["Edsger Dijkstra", "member"],
  ["Barbara Liskov", "member"],
  ["Donald Knuth", "no-access"],
  ["Margaret Hamilton", "member"],
  ["Ken Thompson", "member"],
] as const;
const DOTENV = [
  "DATABASE_URL=postgres://payments:s3cret@db.internal:5432/payments",
  "STRIPE_SECRET_KEY=sk_live_51Hx9fake0000000000000000",
  "REDIS_URL=redis://cache.internal:6379/0",
  "SENTRY_DSN=https://abc123@o0.ingest.sentry.io/1",
  "JWT_SIGNING_KEY=3f9a1c7e2b8d4f60a5e19c3b7d2f8a41",
  "FEATURE_NEW_CHECKOUT=true",
].join("\n");

const workDir = mkdtempSync(path.join(tmpdir(), "tessera-screenshots-"));
chmodSync(workDir, 0o755);
const cluster = await startEmbeddedPostgres({
  dataDir: path.join(workDir, "postgres"),
  passwordFile: path.join(workDir, "password"),
  logFile: path.join(workDir, "postgres.log"),
});
const port = await findFreePort();
const base = `http://localhost:${port}`;
let server: Awaited<ReturnType<typeof spawnServer>> | undefined;

try {
  const database = await createTestDatabase(cluster.urlFor("postgres"), "screenshots");
  await migrateDeploy(database.url);
  await buildIfStale();
  server = await spawnServer(["--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "screenshots-secret-that-is-long-enough",
      ROOT_ENCRYPTION_KEY: "c2NyZWVuc2hvdHMtcm9vdC1rZXktMzItYnl0ZXMtISE=",
      NEXTAUTH_URL: base,
      // No mail: sign-in needs no confirmed address, and nothing tries to send.
      SMTP_URL: undefined,
    },
  });
  await waitForHealth();
  await seedPeople(database.url);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, baseURL: base });
  await signIn(page);
  const org = "acme";
  const vault = await createProject(page, org, "Payments API", "Secrets Management", "payments-api");
  await createProject(page, org, "Internal CA", "PKI", "internal-ca");
  await createProject(page, org, "Production databases", "PAM", "prod-db");
  await createProject(page, org, "Marketing site", "Secrets Management", "marketing-site");
  await page.goto(`/orgs/${org}/projects/${vault}/secrets?start=import`);
  const importDialog = page.getByRole("dialog", { name: /Import/ });
  await importDialog.getByLabel("Contents").fill(DOTENV);
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  await importDialog.waitFor({ state: "hidden" });
  await addToProject(database.url, org, vault, [
    ["Grace Hopper", "admin"],
    ["Alan Turing", "member"],
    ["Katherine Johnson", "viewer"],
  ]);

  // A machine identity made and given a role from its own page, for its "Use it" panel.
  await page.goto(`/orgs/${org}/identities`);
  await page.getByRole("button", { name: "Create identity" }).click();
  const createIdentity = page.getByRole("dialog", { name: "Create a machine identity" });
  await createIdentity.getByLabel("Name").fill("ci-deployer");
  await createIdentity.getByRole("button", { name: "Create identity" }).click();
  await page.getByRole("heading", { level: 1, name: "ci-deployer" }).waitFor();
  const identityUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add to project" }).click();
  const addIdentity = page.getByRole("dialog", { name: "Add ci-deployer to a project" });
  await addIdentity.getByLabel("Project").selectOption({ label: "Payments API · Secrets Management" });
  await addIdentity.getByLabel("Role").selectOption({ label: "Member" });
  await addIdentity.getByRole("button", { name: "Add to project" }).click();
  await addIdentity.waitFor({ state: "hidden" });

  mkdirSync(OUT, { recursive: true });
  await shoot(page, `/orgs/${org}`, "projects");
  await shoot(page, `/orgs/${org}/members`, "members");
  await shoot(page, `/orgs/${org}/projects/${vault}/roles/member`, "role-editor");
  await shoot(page, `/orgs/${org}/projects/${vault}/secrets`, "secrets");
  await page.goto(identityUrl);
  await page.getByRole("region", { name: "Use it" }).screenshot({ path: path.join(OUT, "identity-use-it.png") });
  // A group with two people, holding Member in the vault; its page and the explainer.
  await page.goto(`/orgs/${org}/groups`);
  await page.getByRole("button", { name: "Create group" }).click();
  const createGroup = page.getByRole("dialog", { name: "Create a group" });
  await createGroup.getByLabel("Name").fill("Backend");
  await createGroup.getByLabel("Description").fill("The payments backend team");
  await createGroup.getByRole("button", { name: "Create group" }).click();
  await page.getByRole("heading", { level: 1, name: "Backend" }).waitFor();
  const groupUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add members" }).click();
  const addMembers = page.getByRole("dialog", { name: "Add members to Backend" });
  const picker = addMembers.getByRole("combobox", { name: "People" });
  for (const name of ["Barbara Liskov", "Ken Thompson"]) {
    await picker.fill(name);
    const matches = addMembers.getByRole("listbox", { name: "People: matches" });
    await matches
      .and(page.locator('[aria-busy="false"]'))
      .getByRole("option", { name: new RegExp(name) })
      .waitFor();
    await picker.press("Enter");
  }
  await addMembers.getByRole("button", { name: "Add 2 members" }).click();
  await addMembers.waitFor({ state: "hidden" });
  await page.goto(`/orgs/${org}/projects/${vault}/members`);
  await page.getByRole("button", { name: "Add group" }).click();
  const addGroup = page.getByRole("dialog", { name: "Add a group" });
  await addGroup.getByLabel("Group").selectOption({ label: "Backend" });
  await addGroup.getByRole("checkbox", { name: /^Member/ }).check();
  await addGroup.getByRole("button", { name: "Add group" }).click();
  await addGroup.waitFor({ state: "hidden" });
  await shoot(page, groupUrl, "group");
  await shoot(
    page,
    `/orgs/${org}/groups/explain?${new URLSearchParams({ who: "Barbara Liskov", project: await projectId(database.url, vault), permission: "secret:read-value", environment: "prod", secretPath: "/" })}`,
    "explain",
  );

  // Setting up an authenticator app on the account page.
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const enrolment = page.locator("form", { hasText: "Scan this code with your authenticator app" });
  await enrolment.getByRole("img", { name: "QR code of the key for your authenticator app" }).waitFor();
  await enrolment.locator("..").screenshot({ path: path.join(OUT, "two-factor-enrolment.png") });

  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, `/orgs/${org}/projects/${vault}/members`, "phone-project-members");
  await shoot(page, `/orgs/${org}/members`, "phone-members-table");
  await browser.close();
  console.log(`Screenshots written to ${path.relative(projectRoot, OUT)}/`);
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await cluster.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function waitForHealth(): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (
      await fetch(`${base}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("Tessera did not start");
}

/** The admin, the org and its people, as an import would bring them. */
async function seedPeople(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const passwordHash = await hash(PASSWORD);
    const users = [[ADMIN.name, "admin"] as const, ...PEOPLE];
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO organizations (id, name, slug, plan, seat_limit, updated_at) VALUES (gen_random_uuid(), 'Acme Corp', 'acme', 'PRO', 25, now())`,
    );
    for (const [name, role] of users) {
      const email = name === ADMIN.name ? ADMIN.email : `${name.split(" ")[0]!.toLowerCase()}@acme.example`;
      await client.query(
        `WITH u AS (INSERT INTO users (id, name, email, password_hash, email_verified_at, updated_at)
                    VALUES (gen_random_uuid(), $1, $2, $3, now(), now()) RETURNING id)
         INSERT INTO org_memberships (id, org_id, user_id, role)
         SELECT gen_random_uuid(), o.id, u.id, $4 FROM organizations o, u WHERE o.slug = 'acme'`,
        [name, email, passwordHash, role],
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

async function addToProject(databaseUrl: string, org: string, project: string, people: Array<[string, string]>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [name, role] of people) {
      await client.query(
        `WITH m AS (INSERT INTO project_memberships (id, project_id, org_membership_id, user_id)
                    SELECT gen_random_uuid(), p.id, om.id, om.user_id
                      FROM organizations o JOIN projects p ON p.org_id = o.id AND p.slug = $2
                      JOIN org_memberships om ON om.org_id = o.id JOIN users u ON u.id = om.user_id AND u.name = $3
                     WHERE o.slug = $1 RETURNING id)
         INSERT INTO project_role_grants (id, project_membership_id, role) SELECT gen_random_uuid(), m.id, $4 FROM m`,
        [org, project, name, role],
      );
    }
  } finally {
    await client.end();
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function createProject(page: Page, org: string, name: string, type: string, slug: string): Promise<string> {
  await page.goto(`/orgs/${org}?create=project`);
  const dialog = page.getByRole("dialog", { name: "Create a project" });
  await dialog.getByRole("radio", { name: new RegExp(type) }).check();
  await dialog.getByLabel("Project name").fill(name);
  await dialog.getByLabel("Project slug").fill(slug);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(new RegExp(`/projects/${slug}$`));
  return slug;
}

async function projectId(databaseUrl: string, slug: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [slug])).rows[0]!.id;
  } finally {
    await client.end();
  }
}

async function shoot(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
}
