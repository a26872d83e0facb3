import { randomBytes } from "node:crypto";
import pg from "pg";

export type TestDatabase = { url: string; drop(): Promise<void> };

/**
 * Creates a uniquely named database on the server that `serverUrl` points at. Refuses
 * anything but a server on this machine: tests create and drop databases.
 */
export async function createTestDatabase(serverUrl: string, purpose: string): Promise<TestDatabase> {
  const server = new URL(serverUrl);
  if (!["localhost", "127.0.0.1", "[::1]"].includes(server.hostname)) {
    throw new Error(`Refusing to run tests against ${server.hostname}: use a PostgreSQL on this machine.`);
  }
  const name = `tessera_${purpose}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
