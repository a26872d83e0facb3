import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { env } from "./env.ts";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { tesseraDb?: PrismaClient };

/** The one Prisma client of this process (kept across dev hot reloads). */
export function db(): PrismaClient {
  globalForDb.tesseraDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE }),
  });
  return globalForDb.tesseraDb;
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
