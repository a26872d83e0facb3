// A database for PAM to grant access to, on the tests' PostgreSQL: set up the way the README
// tells an admin to (a broker with CREATEROLE, admin option on the target roles and
// pg_signal_backend), with a role that may read one table only. Roles are cluster-wide, so
// every name carries a random suffix; `drop` removes the database and every role made for it.
import { randomBytes } from "node:crypto";
import pg from "pg";

export type PamTarget = {
  host: string;
  port: number;
  database: string;
  brokerUser: string;
  brokerPassword: string;
  /** May read `allowed_table`, nothing else. */
  readonlyRole: string;
  /** A second role the broker may hand out. */
  writerRole: string;
  /** The same database as a superuser, for tests to look behind PAM's back. */
  superuserUrl: string;
};

async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createPamTarget(serverUrl: string): Promise<{ target: PamTarget; drop(): Promise<void> }> {
  const suffix = randomBytes(4).toString("hex");
  const database = `pam_target_${suffix}`;
  const brokerUser = `tessera_broker_${suffix}`;
  const brokerPassword = randomBytes(18).toString("base64url");
  const readonlyRole = `app_readonly_${suffix}`;
  const writerRole = `app_writer_${suffix}`;
  const id = pg.escapeIdentifier;
  await run(serverUrl, [
    `CREATE DATABASE ${id(database)}`,
    `CREATE ROLE ${id(brokerUser)} LOGIN CREATEROLE PASSWORD ${pg.escapeLiteral(brokerPassword)}`,
    `CREATE ROLE ${id(readonlyRole)} NOLOGIN`,
    `CREATE ROLE ${id(writerRole)} NOLOGIN`,
    `GRANT ${id(readonlyRole)}, ${id(writerRole)} TO ${id(brokerUser)} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE`,
    `GRANT pg_signal_backend TO ${id(brokerUser)}`,
    `GRANT pg_read_all_stats TO ${id(brokerUser)}`,
  ]);
  const superuserUrl = new URL(serverUrl);
  superuserUrl.pathname = `/${database}`;
  await run(superuserUrl.toString(), [
    `CREATE TABLE allowed_table (id int PRIMARY KEY, note text)`,
    `INSERT INTO allowed_table VALUES (1, 'readable through PAM')`,
    `CREATE TABLE other_table (id int PRIMARY KEY, note text)`,
    `INSERT INTO other_table VALUES (1, 'not for app_readonly')`,
    `GRANT USAGE ON SCHEMA public TO ${id(readonlyRole)}, ${id(writerRole)}`,
    `GRANT SELECT ON allowed_table TO ${id(readonlyRole)}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON allowed_table, other_table TO ${id(writerRole)}`,
  ]);
  const server = new URL(serverUrl);
  return {
    target: {
      host: server.hostname,
      port: Number(server.port || 5432),
      database,
      brokerUser,
      brokerPassword,
      readonlyRole,
      writerRole,
      superuserUrl: superuserUrl.toString(),
    },
    async drop() {
      await run(serverUrl, [`DROP DATABASE IF EXISTS ${id(database)} WITH (FORCE)`]);
      // Login roles PAM made and did not drop (a test that failed half-way), then the fixture's.
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ rolname: string }>(
          `SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid
            WHERE g.rolname = ANY($1::text[]) AND r.rolname <> $2`,
          [[readonlyRole, writerRole], brokerUser],
        );
        for (const role of [...rows.map((row) => row.rolname), readonlyRole, writerRole, brokerUser]) {
          await client.query(`DROP ROLE IF EXISTS ${id(role)}`);
        }
      } finally {
        await client.end();
      }
    },
  };
}
