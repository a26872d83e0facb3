import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.ts";
import { env } from "./env.ts";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { tesseraDb?: PrismaClient; tesseraPool?: pg.Pool };

/** The process's one connection pool, shared by Prisma and `preparedQuery`. */
function pool(): pg.Pool {
  globalForDb.tesseraPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  return globalForDb.tesseraPool;
}

/** The one Prisma client of this process (kept across dev hot reloads). */
export function db(): PrismaClient {
  globalForDb.tesseraDb ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return globalForDb.tesseraDb;
}

/**
 * One statement on the machine API's hot path, sent by `pg` as a named prepared statement:
 * each connection parses and plans it once, not on every request, and the rows come back
 * without a trip through Prisma's engine. Values and rows are pg's: Dates for timestamps,
 * Buffers for bytea, parsed JSON; the SQL is written as for `$queryRaw`.
 */
export async function preparedQuery<Row extends object>(query: Prisma.Sql): Promise<Row[]> {
  const name = `tessera_${createHash("sha256").update(query.text).digest("base64url").slice(0, 20)}`;
  const { rows } = await pool().query<Row>({ name, text: query.text, values: query.values });
  return rows;
}

/** Ends the pool (scripts and tests, after Prisma's own disconnect). */
export async function endPool(): Promise<void> {
  const current = globalForDb.tesseraPool;
  globalForDb.tesseraPool = undefined;
  globalForDb.tesseraDb = undefined;
  await current?.end();
}

/** True when a write hit a unique constraint (Prisma P2002), optionally on one column. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== "object" || error === null || !("code" in error) || error.code !== "P2002") return false;
  if (!column) return true;
  const meta = (error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } }).meta;
  const target = meta?.target;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(target) ? target : [target]);
  return fields.some((field) => typeof field === "string" && field.replaceAll('"', "").includes(column));
}
