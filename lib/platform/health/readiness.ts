import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { db } from "../db.ts";

export type Readiness = { ready: true } | { ready: false; reason: "database unavailable" } | { ready: false; reason: "migrations pending"; pending: string[] };

/** The migrations this build ships (prisma/migrations beside the app, as `npm start` runs it). */
export function shippedMigrations(folder = path.join(process.cwd(), "prisma", "migrations")): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Names of the migrations the database has applied; none when it has no migrations table yet. */
export type AppliedMigrations = () => Promise<string[]>;

const appliedHere: AppliedMigrations = async () => {
  try {
    const rows = await db().$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return rows.map((row) => row.migration_name);
  } catch (error) {
    if (String((error as { message?: string }).message).includes("_prisma_migrations")) return [];
    throw error;
  }
};

/** This build's migrations, read from disk once per process: they do not change while it runs. */
let shippedHere: string[] | undefined;

/**
 * Whether this instance should get traffic: the database answers, and every migration this
 * build ships is applied there (an old database under a new build, mid rolling deploy, is
 * not ready). One short query; the load balancer asks every few seconds.
 */
export async function readiness(applied: AppliedMigrations = appliedHere, shipped: string[] = (shippedHere ??= shippedMigrations())): Promise<Readiness> {
  let done: Set<string>;
  try {
    done = new Set(await applied());
  } catch {
    return { ready: false, reason: "database unavailable" };
  }
  const pending = shipped.filter((name) => !done.has(name));
  return pending.length ? { ready: false, reason: "migrations pending", pending } : { ready: true };
}
