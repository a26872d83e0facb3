import { readFileSync } from "node:fs";
import pg from "pg";
import { E2E_DATABASE_URL_FILE } from "../../scripts/lib/state-dir";

/**
 * Test set-up only: puts an existing user into an org with a role, as accepting an
 * invitation will once invitations exist. Goes straight to the e2e server's database.
 */
export async function addOrgMember(orgSlug: string, email: string, role: "admin" | "member" | "no-access"): Promise<void> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    const result = await client.query(
      `INSERT INTO org_memberships (id, org_id, user_id, role)
       SELECT gen_random_uuid(), o.id, u.id, $3 FROM organizations o, users u WHERE o.slug = $1 AND u.email = $2`,
      [orgSlug, email, role],
    );
    if (result.rowCount !== 1) throw new Error(`could not add ${email} to ${orgSlug}`);
  } finally {
    await client.end();
  }
}
