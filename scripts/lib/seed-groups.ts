// The groups part of `npm run seed:scale`: 200 groups in the big org, every member in one
// of them (50 each), each group holding a role in 5 projects and every tenth an org role;
// the bench's admin (scale-user-1) and member (scale-user-7) are in 10 more each. Idempotent.
import pg from "pg";
import { step } from "./seed-products.ts";

const GROUPS = 200;
const MEMBERS = 10_000;
const PROJECTS = 2_000;

const id = (label: string) => `md5(${label})::uuid`;

export async function seedScaleGroups(databaseUrl: string, bigOrg: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [org] = (await client.query<{ id: string }>("SELECT id FROM organizations WHERE slug = $1", [bigOrg])).rows;
    if (!org) throw new Error(`seed the base data set first: no org "${bigOrg}"`);
    const done = await client.query("SELECT 1 FROM groups WHERE org_id = $1 LIMIT 1", [org.id]);
    if (done.rowCount) {
      console.log(`The groups are already there (${bigOrg}). Nothing to do.`);
      return;
    }
    await client.query("BEGIN");
    await step(
      client,
      `${GROUPS} groups`,
      `INSERT INTO groups (id, org_id, name, slug, description, org_role, updated_at)
       SELECT ${id("'group' || g")}, $1::uuid, 'Scale team ' || lpad(g::text, 3, '0'), 'scale-team-' || g, 'Team ' || g,
              CASE WHEN g % 10 = 0 THEN 'member' END, now()
         FROM generate_series(1, ${GROUPS}) g`,
      [org.id],
    );
    await step(
      client,
      `${MEMBERS} group memberships (and 20 for the bench's people)`,
      `INSERT INTO group_members (id, group_id, org_membership_id, user_id)
       SELECT ${id("'group-member' || u || '-' || grp")}, ${id("'group' || grp")}, m.id, m.user_id
         FROM (SELECT u, (u % ${GROUPS}) + 1 AS grp FROM generate_series(1, ${MEMBERS}) u
               UNION SELECT u, k FROM (VALUES (1), (7)) people(u), generate_series(1, 10) k) pairs
         JOIN org_memberships m ON m.id = ${id("'big-membership' || u")}
       ON CONFLICT (group_id, user_id) DO NOTHING`,
    );
    await step(
      client,
      `${GROUPS * 5} group project roles`,
      `INSERT INTO group_project_roles (id, group_id, project_id, role)
       SELECT ${id("'group-role' || g || '-' || k")}, ${id("'group' || g")}, ${id("'project' || ((g * 37 + k * 401) % " + PROJECTS + " + 1)")},
              (ARRAY['member', 'viewer', 'member', 'admin'])[k % 4 + 1]
         FROM generate_series(1, ${GROUPS}) g, generate_series(1, 5) k
       ON CONFLICT DO NOTHING`,
    );
    await client.query("COMMIT");
    await client.query("ANALYZE groups, group_members, group_project_roles");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
