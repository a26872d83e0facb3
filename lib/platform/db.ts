import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { env } from "./env.ts";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { tesseraDb?: PrismaClient; tesseraPool?: pg.Pool };

/** The process's one connection pool, shared by Prisma and `preparedQuery`. */
function pool(): pg.Pool {
  // A request waits at most 10 s for a connection (a new one, or a free one of the pool), as
  // long as a contended transaction's maxWait: a burst on a busy machine queues instead of
  // failing, while a database that is gone refuses connections at once (a clear error, no hang).
  globalForDb.tesseraPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: 10_000 });
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

/**
 * A page's read on `pg` as an unnamed statement: planned for its own values on every call, as
 * Prisma plans `$queryRaw` (a generic plan for a search is the wrong one), without the trip
 * through Prisma's engine, which cost ~1 ms per statement on the members page. Same values
 * and rows as preparedQuery: cast counts to int, or they come back as strings.
 */
export async function directQuery<Row extends object>(query: Prisma.Sql): Promise<Row[]> {
  const { rows } = await pool().query<Row>(query.text, query.values);
  return rows;
}

/**
 * How a list's statement is sent: prepared without a search, where its plan reads the owner's
 * index for 5 rows as for 10,000 (PostgreSQL's one generic plan serves every org, each
 * connection parses and plans it once: planning was half of a list's PostgreSQL time), and
 * planned for its pattern with one (a generic plan for a search is the wrong one).
 */
export function listQuery(search: string | undefined): typeof directQuery {
  return search ? directQuery : preparedQuery;
}

/** Statements for work that runs both inside a Prisma transaction and on `pg` directly. */
export type SqlRunner = { rows<Row extends object>(query: Prisma.Sql): Promise<Row[]> };

/** Statements on `pg` directly, outside any transaction. */
export const directRunner: SqlRunner = { rows: directQuery };

/** A Prisma transaction (or client) as a SqlRunner. */
export function prismaRunner(tx: Pick<Tx, "$queryRaw">): SqlRunner {
  return { rows: <Row extends object>(query: Prisma.Sql) => tx.$queryRaw<Row[]>(query) };
}

/** The raw statements of a transaction: what audit records, plan checks and hot paths use. */
export type RawTx = Pick<Tx, "$queryRaw" | "$executeRaw">;

/** A statement as `$queryRaw` takes it: a tagged template's parts, or Prisma.sql's result. */
const sqlOf = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => (query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values));

/** As long as a transaction may take, on `pg` as through Prisma (contendedTransaction's `timeout`). */
const TRANSACTION_TIMEOUT_MS = 15_000;

/** A transaction that ran past its time: rolled back, nothing of it written. Worth trying again. */
export class TransactionTimeoutError extends Error {
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`The transaction took longer than ${timeoutMs} ms and was rolled back`, options);
    this.name = "TransactionTimeoutError";
  }
}

/**
 * A transaction on one of the pool's connections through `pg`, for work that moves large
 * values (Prisma's engine copies bytes through its own encoding: a 640 KiB CRL took ~150 ms
 * each way) or runs on every request of a hot action (each statement through the engine cost
 * ~0.5 ms of this process's time, its BEGIN and COMMIT as much). It takes the same SQL as
 * `$queryRaw` and answers as `directQuery` does (cast counts to int). Rolled back if `work` throws.
 *
 * Bounded in time as Prisma's transactions are (`timeoutMs`), on both sides: PostgreSQL ends
 * a statement that runs or waits for a lock longer, and the session if it sits idle in the
 * transaction longer, so a stuck transaction lets go of its locks; and the caller gets
 * TransactionTimeoutError at that time even if `work` never settles, its connection closed so
 * that nothing it sends later can commit.
 */
export async function pgTransaction<T>(work: (sql: SqlRunner & RawTx) => Promise<T>, timeoutMs = TRANSACTION_TIMEOUT_MS): Promise<T> {
  // It is written into the BEGIN statement below.
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`pgTransaction: a timeout in whole milliseconds, not ${timeoutMs}`);
  const client = await pool().connect();
  // A connection that fails between statements reports it here (with no listener, the error
  // would end the process); the next statement fails with it.
  const ignoreUntilNextStatement = () => undefined;
  client.on("error", ignoreUntilNextStatement);
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      const error = new TransactionTimeoutError(timeoutMs);
      client.release(error); // closed, not pooled again: PostgreSQL rolls back what it had
      reject(error);
    }, timeoutMs);
  });
  const run = async (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const { text, values: parameters } = sqlOf(query, values);
    return client.query(text, parameters);
  };
  const runner = {
    rows: async <Row extends object>(query: Prisma.Sql) => (await run(query, [])).rows as Row[],
    $queryRaw: (async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rows) as RawTx["$queryRaw"],
    $executeRaw: (async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rowCount ?? 0) as RawTx["$executeRaw"],
  };
  const transaction = async () => {
    // One round trip: the limits last until COMMIT or ROLLBACK (SET LOCAL).
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${timeoutMs}; SET LOCAL idle_in_transaction_session_timeout = ${timeoutMs}`);
    try {
      const result = await work(runner);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      if (!expired) await client.query("ROLLBACK").catch(() => undefined);
      // PostgreSQL's "statement cancelled": in this transaction, only by its statement_timeout.
      throw (error as { code?: unknown }).code === "57014" ? new TransactionTimeoutError(timeoutMs, { cause: error }) : error;
    }
  };
  try {
    return await Promise.race([transaction(), deadline]);
  } finally {
    clearTimeout(timer);
    if (!expired) {
      client.off("error", ignoreUntilNextStatement);
      client.release();
    }
  }
}

/** Ends the pool (scripts and tests, after Prisma's own disconnect). */
export async function endPool(): Promise<void> {
  const current = globalForDb.tesseraPool;
  globalForDb.tesseraPool = undefined;
  globalForDb.tesseraDb = undefined;
  await current?.end();
}

// Prisma's codes for a server it cannot reach or that went away, the driver adapter's kinds
// for the same, PostgreSQL's for a shutting-down or starting server and broken connections
// (class 08), and Node's socket errors.
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TlsConnectionError"]);
// pg's own words for a connection that died, or for a pooled client used after it did.
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable/;

/**
 * True when an error says the database cannot be reached right now (down, restarting, the
 * connection dropped): worth "try again in a moment", not a bug report.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const { code, meta, message, cause } = current as {
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } };
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    const adapterCause = meta?.driverAdapterError?.cause;
    if (adapterCause?.kind && UNAVAILABLE_KINDS.has(adapterCause.kind)) return true;
    // A raw query (P2010) carries PostgreSQL's own code ("postgres" kind) as `code`.
    for (const adapterCode of [adapterCause?.originalCode, adapterCause?.code]) if (adapterCode && UNAVAILABLE_CODES.has(adapterCode)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    // Too slow to answer in time is, to the person waiting, the same as not there right now.
    if (current instanceof TransactionTimeoutError) return true;
    current = cause;
  }
  return false;
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

/**
 * Prisma's code for a transaction that never got going (no connection within maxWait, or the
 * pool's own wait ran out), and
 * PostgreSQL's for one it aborted to resolve a conflict (serialization failure, deadlock):
 * nothing of either was written, so running it again is safe.
 */
function neverCommitted(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const { code, message, meta, cause } = current as {
      code?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
      cause?: unknown;
    };
    if (code === "P2028" && typeof message === "string" && message.includes("Unable to start a transaction")) return true;
    // The pool found no free connection in time: nothing was sent.
    if (typeof message === "string" && message.includes("timeout exceeded when trying to connect")) return true;
    if (code === "P2034" || code === "40001" || code === "40P01") return true;
    const original = meta?.driverAdapterError?.cause?.originalCode;
    if (original === "40001" || original === "40P01") return true;
    current = cause;
  }
  return false;
}

/**
 * A transaction for writes that many may race for (two Admins demoting each other): it waits
 * longer for a connection than Prisma's 2 s, and one that could not start or that PostgreSQL
 * aborted is run again, a few times, so that a busy machine yields the same single winner
 * as an idle one instead of two failures.
 */
export async function contendedTransaction<T>(work: (tx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { maxWait: 10_000, timeout: 15_000 });
    } catch (error) {
      if (attempt >= attempts || !neverCommitted(error)) throw error;
    }
  }
}
