import { readFileSync } from "node:fs";
import pg from "pg";
import { E2E_DATABASE_URL_FILE } from "../../scripts/lib/state-dir";

/** Test set-up only: runs one statement on the e2e server's database, expecting one row changed. */
async function changeOneRow(sql: string, values: unknown[], failure: string): Promise<void> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    const result = await client.query(sql, values);
    if (result.rowCount !== 1) throw new Error(failure);
  } finally {
    await client.end();
  }
}

/** Puts an existing user into an org with a role, as accepting an invitation does. */
export async function addOrgMember(orgSlug: string, email: string, role: "admin" | "member" | "no-access"): Promise<void> {
  await changeOneRow(
    `INSERT INTO org_memberships (id, org_id, user_id, role)
     SELECT gen_random_uuid(), o.id, u.id, $3 FROM organizations o, users u WHERE o.slug = $1 AND u.email = $2`,
    [orgSlug, email, role],
    `could not add ${email} to ${orgSlug}`,
  );
}

/** A custom project role, as the role editor saves one (its own e2e covers the editor). */
export async function createProjectRole(orgSlug: string, projectSlug: string, role: { slug: string; name: string; permissions: unknown[] }): Promise<void> {
  await changeOneRow(
    `INSERT INTO custom_roles (id, org_id, project_id, scope_key, slug, name, permissions, updated_at)
     SELECT gen_random_uuid(), o.id, p.id, 'project:' || p.id::text, $3, $4, $5::jsonb, now()
       FROM organizations o JOIN projects p ON p.org_id = o.id WHERE o.slug = $1 AND p.slug = $2`,
    [orgSlug, projectSlug, role.slug, role.name, JSON.stringify(role.permissions)],
    `could not create role ${role.slug}`,
  );
}
