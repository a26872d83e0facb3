import { readFileSync } from "node:fs";
import pg from "pg";
import { bin, runOrThrow } from "./run.ts";

const AFTER_MIGRATIONS = new URL("../../prisma/sql/after-migrations.sql", import.meta.url);

/**
 * Applies the committed migrations (never creates new ones), then the idempotent SQL that
 * Prisma's runner cannot apply (prisma/sql/after-migrations.sql).
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await runOrThrow(bin("prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl } });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(readFileSync(AFTER_MIGRATIONS, "utf8"));
  } finally {
    await client.end();
  }
}
