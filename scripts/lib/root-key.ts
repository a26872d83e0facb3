import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { readOrCreateSecret } from "./secrets.ts";

/**
 * The root key that seals the projects' data keys: ROOT_ENCRYPTION_KEY, or the embedded
 * database's own key file (made on first use, never again while sealed keys exist).
 */
export async function resolveRootEncryptionKey(file: string, databaseUrl: string): Promise<string> {
  if (process.env.ROOT_ENCRYPTION_KEY) return process.env.ROOT_ENCRYPTION_KEY;
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new Error(
      "ROOT_ENCRYPTION_KEY must be set in production with an external DATABASE_URL " +
        "(every instance needs the same key). Generate one with: openssl rand -base64 32",
    );
  }
  if (!existsSync(file) && (await holdsSealedKeys(databaseUrl))) {
    throw new Error(
      `The root encryption key file ${path.relative(process.cwd(), file)} is missing, but the database holds encrypted secrets. ` +
        "Restore the file from a backup, or set ROOT_ENCRYPTION_KEY to the original key: without it the secrets cannot be read.",
    );
  }
  return readOrCreateSecret(file, () => randomBytes(32).toString("base64"));
}

async function holdsSealedKeys(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM project_data_keys LIMIT 1");
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
