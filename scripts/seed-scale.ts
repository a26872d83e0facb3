// `npm run seed:scale`: a deterministic large data set for the benchmarks, in bulk SQL.
// 1,000 orgs; "scale-big" with 10,000 members, 2,000 projects of the three product types,
// 20 custom roles and ~40,000 project memberships; 1,000,000 audit events, about half in
// the big org. Ids and choices come from md5 of fixed strings, so every run makes the same
// data. Then the products (scripts/lib/seed-products.ts): 10,000 certificates under one CA,
// 10,000 PAM requests, 500 machine identities; and 200 groups (scripts/lib/seed-groups.ts). Runs against DATABASE_URL, or the embedded
// PostgreSQL of `npm start`. Idempotent, each part on its own: what is there is left alone.
import { mkdirSync } from "node:fs";
import { register } from "node:module";
import pg from "pg";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { resolveRootEncryptionKey } from "./lib/root-key.ts";
import { seedScaleProducts, step } from "./lib/seed-products.ts";
import { seedScaleGroups } from "./lib/seed-groups.ts";
import { embeddedPaths, stateDir } from "./lib/state-dir.ts";

export const SCALE_PASSWORD = "scale password 2026";
export const BIG_ORG = "scale-big";
const MEMBERS = 10_000;
const ORGS = 1_000;
const PROJECTS = 2_000;
const EVENTS = 1_000_000;

/** A deterministic uuid from a label: the seed's fixed "PRNG". */
const id = (label: string) => `md5(${label})::uuid`;

export async function seedScale(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const done = await client.query("SELECT 1 FROM organizations WHERE slug = $1", [BIG_ORG]);
    if (done.rowCount) {
      console.log(`The scale data set is already there (org "${BIG_ORG}").`);
      return;
    }
    const { hashPassword } = await import("../lib/platform/auth/password.ts");
    const passwordHash = await hashPassword(SCALE_PASSWORD);
    await client.query("BEGIN");
    await step(
      client,
      `${MEMBERS + ORGS} users`,
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       SELECT ${id("'user' || g")}, 'scale-user-' || g || '@scale.tessera.test', 'Scale User ' || lpad(g::text, 5, '0'), '${passwordHash}', now()
         FROM generate_series(1, ${MEMBERS + ORGS}) g`,
    );
    await step(
      client,
      `${ORGS} orgs`,
      `INSERT INTO organizations (id, name, slug, plan, seat_limit, updated_at)
       SELECT ${id("'org' || g")}, CASE WHEN g = 1 THEN 'Scale Big' ELSE 'Scale Org ' || g END,
              CASE WHEN g = 1 THEN '${BIG_ORG}' ELSE 'scale-org-' || g END,
              CASE WHEN g = 1 THEN 'ENTERPRISE'::"Plan" ELSE 'FREE'::"Plan" END,
              CASE WHEN g = 1 THEN 20000 ELSE NULL END, now()
         FROM generate_series(1, ${ORGS}) g`,
    );
    await step(
      client,
      "20 custom org roles in the big org",
      `INSERT INTO custom_roles (id, org_id, scope_key, slug, name, permissions, updated_at)
       SELECT ${id("'role' || g")}, ${id("'org1'")}, 'org:' || ${id("'org1'")}, 'scale-role-' || g, 'Scale role ' || g,
              '[{"subject":"organization","actions":["read"]},{"subject":"member","actions":["read"]}]'::jsonb, now()
         FROM generate_series(1, 20) g`,
    );
    await step(
      client,
      `${MEMBERS} members of the big org`,
      `INSERT INTO org_memberships (id, org_id, user_id, role, created_at)
       SELECT ${id("'big-membership' || g")}, ${id("'org1'")}, ${id("'user' || g")},
              CASE WHEN g <= 5 THEN 'admin' WHEN g % 10 = 0 THEN 'scale-role-' || (g / 10 % 20 + 1) WHEN g % 3 = 0 THEN 'no-access' ELSE 'member' END,
              now() - (g || ' minutes')::interval
         FROM generate_series(1, ${MEMBERS}) g`,
    );
    await step(
      client,
      `${ORGS - 1} admins of the other orgs`,
      `INSERT INTO org_memberships (id, org_id, user_id, role)
       SELECT ${id("'admin-membership' || g")}, ${id("'org' || g")}, ${id("'user' || (" + MEMBERS + " + g)")}, 'admin'
         FROM generate_series(2, ${ORGS}) g`,
    );
    await step(
      client,
      `${PROJECTS} projects in the big org`,
      `INSERT INTO projects (id, org_id, name, slug, type, updated_at)
       SELECT ${id("'project' || g")}, ${id("'org1'")}, 'Scale project ' || lpad(g::text, 4, '0'), 'scale-project-' || g,
              (ARRAY['SECRET_MANAGER', 'PKI', 'PAM'])[g % 3 + 1]::"ProductType", now()
         FROM generate_series(1, ${PROJECTS}) g`,
    );
    await step(
      client,
      "environments of the Secrets Management projects",
      `INSERT INTO environments (id, project_id, name, slug, position)
       SELECT ${id("'environment' || p.id || e.slug")}, p.id, e.name, e.slug, e.position
         FROM projects p
        CROSS JOIN (VALUES ('Development', 'dev', 1), ('Staging', 'staging', 2), ('Production', 'prod', 3)) AS e(name, slug, position)
        WHERE p.org_id = ${id("'org1'")} AND p.type = 'SECRET_MANAGER'`,
    );
    await step(
      client,
      "~40,000 project memberships",
      `INSERT INTO project_memberships (id, project_id, org_membership_id, user_id)
       SELECT DISTINCT ON (p, u) ${id("'pm' || u || '-' || p")}, ${id("'project' || p")}, ${id("'big-membership' || u")}, ${id("'user' || u")}
         FROM (SELECT u, ((u * 7 + k * 509) % ${PROJECTS}) + 1 AS p FROM generate_series(1, ${MEMBERS}) u, generate_series(1, 4) k) pairs`,
    );
    await step(
      client,
      "their role grants",
      `INSERT INTO project_role_grants (id, project_membership_id, role)
       SELECT ${id("'grant' || pm.id")}, pm.id, (ARRAY['admin', 'member', 'viewer', 'member'])[get_byte(decode(md5(pm.id::text), 'hex'), 0) % 4 + 1]
         FROM project_memberships pm JOIN projects p ON p.id = pm.project_id WHERE p.org_id = ${id("'org1'")}`,
    );
    await step(
      client,
      `${EVENTS.toLocaleString("en")} audit events`,
      `INSERT INTO audit_events (id, org_id, project_id, actor_id, action, target_type, target_id, metadata, created_at)
       SELECT ${id("'event' || g")},
              CASE WHEN g % 2 = 0 THEN ${id("'org1'")} ELSE ${id("'org' || (g % " + (ORGS - 1) + " + 2)")} END,
              CASE WHEN g % 2 = 0 AND g % 5 = 0 THEN ${id("'project' || (g % " + PROJECTS + " + 1)")} END,
              CASE WHEN g % 2 = 0 THEN ${id("'user' || (g % " + MEMBERS + " + 1)")} ELSE ${id("'user' || (" + MEMBERS + " + g % " + (ORGS - 1) + " + 2)")} END,
              (ARRAY['member.role-changed', 'member.invited', 'project.created', 'project-member.added', 'role.edited'])[g % 5 + 1],
              'user', ${id("'user' || (g % " + MEMBERS + " + 1)")}::text, '{}'::jsonb,
              timestamptz '2026-11-01 00:00:00+00' - (g || ' seconds')::interval * 60
         FROM generate_series(1, ${EVENTS}) g`,
    );
    await client.query("COMMIT");
    process.stdout.write("ANALYZE… ");
    await client.query("ANALYZE");
    console.log("done");
    console.log(`Seeded. Sign in as scale-user-1@scale.tessera.test with "${SCALE_PASSWORD}" (an Admin of ${BIG_ORG}).`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let databaseUrl = process.env.DATABASE_URL;
  mkdirSync(stateDir(), { recursive: true });
  const cluster = databaseUrl ? undefined : await startEmbeddedPostgres(embeddedPaths());
  if (cluster) {
    await cluster.ensureDatabase("tessera");
    databaseUrl = cluster.urlFor("tessera");
  }
  try {
    await migrateDeploy(databaseUrl!);
    // lib/ modules are marked server-only; outside Next the hook lets them load. They read
    // the database and the key that seals the CA's private key from the environment.
    register("./lib/server-only-hook.mjs", import.meta.url);
    process.env.DATABASE_URL = databaseUrl;
    // Sessions are started here but never signed into a cookie: any secret does.
    process.env.NEXTAUTH_SECRET ??= "seed-scale-secret-that-is-long-enough-for-next-auth";
    process.env.ROOT_ENCRYPTION_KEY = await resolveRootEncryptionKey(embeddedPaths().rootKeyFile, databaseUrl!);
    await seedScale(databaseUrl!);
    await seedScaleProducts(databaseUrl!, BIG_ORG);
    await seedScaleGroups(databaseUrl!, BIG_ORG);
  } finally {
    await cluster?.stop();
  }
}
