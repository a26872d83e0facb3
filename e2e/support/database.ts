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

/**
 * A machine identity of the org holding a project role, with one client secret, as the
 * identities page will make them (its domain layer has integration tests). Returns what
 * Universal Auth needs.
 */
export async function createIdentityWithSecret(
  orgSlug: string,
  projectSlug: string,
  projectRole: string,
): Promise<{ identityId: string; clientId: string; clientSecret: string; projectId: string }> {
  const { credentialHash, mintCredential } = await import("../../lib/platform/identities/credentials");
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    const clientSecret = mintCredential("cs");
    await client.query("BEGIN");
    const {
      rows: [ids],
    } = await client.query<{ identity_id: string; org_id: string; project_id: string }>(
      `SELECT gen_random_uuid() AS identity_id, o.id AS org_id, p.id AS project_id
         FROM organizations o JOIN projects p ON p.org_id = o.id WHERE o.slug = $1 AND p.slug = $2`,
      [orgSlug, projectSlug],
    );
    if (!ids) throw new Error(`no project ${projectSlug} in ${orgSlug}`);
    await client.query(`INSERT INTO users (id, kind, name, email, password_hash, updated_at) VALUES ($1::uuid, 'IDENTITY', 'E2E bot', $2, '', now())`, [
      ids.identity_id,
      `${ids.identity_id}@identities.tessera.invalid`,
    ]);
    const {
      rows: [membership],
    } = await client.query<{ id: string }>(
      `INSERT INTO org_memberships (id, org_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'no-access') RETURNING id`,
      [ids.org_id, ids.identity_id],
    );
    const {
      rows: [identity],
    } = await client.query<{ client_id: string }>(
      `INSERT INTO machine_identities (user_id, org_id, client_id, updated_at) VALUES ($1, $2, gen_random_uuid(), now()) RETURNING client_id`,
      [ids.identity_id, ids.org_id],
    );
    await client.query(
      `WITH pm AS (INSERT INTO project_memberships (id, project_id, org_membership_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id)
       INSERT INTO project_role_grants (id, project_membership_id, role) SELECT gen_random_uuid(), pm.id, $4 FROM pm`,
      [ids.project_id, membership!.id, ids.identity_id, projectRole],
    );
    await client.query(`INSERT INTO identity_client_secrets (id, identity_id, secret_hash, hint) VALUES (gen_random_uuid(), $1, $2, $3)`, [
      ids.identity_id,
      credentialHash(clientSecret),
      clientSecret.slice(-4),
    ]);
    await client.query("COMMIT");
    return { identityId: ids.identity_id, clientId: identity!.client_id, clientSecret, projectId: ids.project_id };
  } finally {
    await client.end();
  }
}

/** Where an identity accepts logins from (its Universal Auth login trusted IPs). */
export async function setLoginTrustedIps(clientId: string, ranges: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    await client.query(`UPDATE machine_identities SET login_trusted_ips = $2 WHERE client_id = $1::uuid`, [clientId, ranges]);
  } finally {
    await client.end();
  }
}

/** Fills an org with `count` placeholder people (no password, never signed in), to reach a seat limit. */
export async function addPlaceholderMembers(orgSlug: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    await client.query(
      `WITH people AS (
         INSERT INTO users (id, email, name, password_hash, updated_at)
         SELECT gen_random_uuid(), 'placeholder-' || gen_random_uuid() || '@example.com', 'Placeholder ' || n, '', now() FROM generate_series(1, $2::int) n
         RETURNING id)
       INSERT INTO org_memberships (id, org_id, user_id, role)
       SELECT gen_random_uuid(), o.id, people.id, 'member' FROM organizations o, people WHERE o.slug = $1`,
      [orgSlug, count],
    );
  } finally {
    await client.end();
  }
}

/** As if the person's last second factor was an hour ago, in every session they have (step-up asks again). */
export async function ageSecondFactors(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    await client.query(
      `UPDATE user_sessions SET second_factor_at = now() - interval '1 hour'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
  } finally {
    await client.end();
  }
}
