import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, directQuery, isDatabaseUnavailable, pgTransaction, TransactionTimeoutError } from "@/lib/platform/db";
import { createUser } from "../support/factories";

const holders: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(holders.splice(0).map((holder) => holder.end()));
});

/** A session of its own holding an advisory lock until the test ends. */
async function holdAdvisoryLock(key: number) {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  holders.push(holder);
  await holder.connect();
  await holder.query("SELECT pg_advisory_lock($1)", [key]);
}

/** Renames the user unless a lock on the row is held: true when done. */
async function renameWithoutWaiting(userId: string, name: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE SKIP LOCKED`;
    if (!row) return false;
    await tx.$executeRaw`UPDATE users SET name = ${name} WHERE id = ${userId}::uuid`;
    return true;
  });
}

/** Waits (for the state, not a time) until the row's lock is released, then renames it. */
async function renameOnceFree(userId: string, name: string) {
  while (!(await renameWithoutWaiting(userId, name))) await new Promise((resolve) => setTimeout(resolve, 20));
}

const nameOf = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).name;

describe("pgTransaction's time limit", () => {
  it("ends a statement that waits past it: rolled back, its locks released, the pool still serving", async () => {
    const user = await createUser({ name: "Before" });
    const key = Math.floor(Math.random() * 1_000_000_000);
    await holdAdvisoryLock(key);

    const stuck = pgTransaction(async (sql) => {
      await sql.$executeRaw`UPDATE users SET name = 'Written inside' WHERE id = ${user.id}::uuid`;
      // Waits for a lock another session never lets go of.
      await sql.$queryRaw`SELECT pg_advisory_xact_lock(${key}::bigint)`;
    }, 500);
    // Whichever ends it first (this process, or PostgreSQL cancelling the statement), the
    // person waiting is told to try again.
    await expect(stuck).rejects.toBeInstanceOf(TransactionTimeoutError);
    await expect(stuck.catch((error: unknown) => isDatabaseUnavailable(error))).resolves.toBe(true);

    // PostgreSQL stopped waiting for the lock (a closed socket alone would leave it waiting).
    for (;;) {
      const waiting = await db().$queryRaw<unknown[]>`
        SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ${key}::bigint::oid`;
      if (waiting.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await renameOnceFree(user.id, "After");
    expect(await nameOf(user.id), "nothing of it was written").toBe("After");
    expect(await pgTransaction((sql) => sql.$queryRaw`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it("reports a statement PostgreSQL cancelled for its time as the transaction's timeout", async () => {
    const key = Math.floor(Math.random() * 1_000_000_000);
    await holdAdvisoryLock(key);
    const cancelled = pgTransaction(async (sql) => {
      // PostgreSQL's limit, shorter than this process's: it ends the wait first.
      await sql.$executeRaw`SET LOCAL statement_timeout = 50`;
      await sql.$queryRaw`SELECT pg_advisory_xact_lock(${key}::bigint)`;
    }, 60_000);
    const error = await cancelled.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransactionTimeoutError);
    expect((error as Error).cause).toMatchObject({ code: "57014" });
  });

  it("answers the caller at its time even if the work never settles, and nothing of it commits", async () => {
    const user = await createUser({ name: "Before" });
    let sent: ((statement: string) => Promise<unknown>) | undefined;
    const hung = pgTransaction(async (sql) => {
      await sql.$executeRaw`UPDATE users SET name = 'Written inside' WHERE id = ${user.id}::uuid`;
      sent = (statement) => sql.$executeRaw`UPDATE users SET name = ${statement} WHERE id = ${user.id}::uuid`;
      await new Promise(() => undefined);
    }, 500);
    await expect(hung).rejects.toBeInstanceOf(TransactionTimeoutError);
    await expect(hung.catch((error: unknown) => isDatabaseUnavailable(error))).resolves.toBe(true);

    // Its connection is closed: whatever the work sends afterwards fails, and its row lock goes.
    await expect(sent!("Written late")).rejects.toThrow();
    await renameOnceFree(user.id, "After");
    expect(await nameOf(user.id)).toBe("After");
  });

  it("keeps the limits to the transaction: its connection goes back to the pool without them", async () => {
    const [inside] = await pgTransaction(
      (sql) =>
        sql.$queryRaw<Array<{ pid: number; statement: string; idle: string }>>`
        SELECT pg_backend_pid() AS pid, current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(inside).toMatchObject({ statement: "15s", idle: "15s" });
    // The pool hands out its most recently released connection first: this one.
    const [after] = await directQuery<{ pid: number; statement: string; idle: string }>(
      Prisma.sql`SELECT pg_backend_pid() AS pid, current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(after).toEqual({ pid: inside!.pid, statement: "0", idle: "0" });
  });

  it("survives its connection dying between two statements: the transaction fails, the process goes on", async () => {
    const user = await createUser({ name: "Before" });
    const broken = pgTransaction(async (sql) => {
      await sql.$executeRaw`UPDATE users SET name = 'Written inside' WHERE id = ${user.id}::uuid`;
      const [{ pid }] = await sql.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      await db().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      // The connection's end reaches this process while no statement of it runs.
      while ((await db().$queryRaw<unknown[]>`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}::int`).length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sql.$executeRaw`UPDATE users SET name = 'Written after' WHERE id = ${user.id}::uuid`;
    });
    await expect(broken).rejects.toThrow();
    expect(await nameOf(user.id)).toBe("Before");
    expect(await pgTransaction((sql) => sql.$queryRaw`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});
