// What an action answers when the database goes away: real failures, made two ways (a
// server that is not there, and a connection PostgreSQL ends in the middle of a query),
// become a clear "try again" for the form; other failures stay a generic error.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { DATABASE_UNAVAILABLE, toActionResult } from "@/lib/platform/actions/to-action-result";
import { isDatabaseUnavailable } from "@/lib/platform/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

function clientFor(pool: pg.Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

describe("the database is unavailable", () => {
  it("no server at the address: the action says to try again", async () => {
    const pool = new pg.Pool({ host: "127.0.0.1", port: 1, user: "nobody", database: "none", connectionTimeoutMillis: 2_000 });
    const client = clientFor(pool);
    try {
      const failure = await client.user.count().catch((error: unknown) => error);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect(await toActionResult(() => client.user.count())).toEqual({ ok: false, formError: DATABASE_UNAVAILABLE });
    } finally {
      await client.$disconnect();
      await pool.end();
    }
  });

  it("the server ends the connection mid-query: the same", async () => {
    const pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 1 });
    pool.on("error", () => undefined);
    const client = clientFor(pool);
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    try {
      const sleeping = toActionResult(() => client.$queryRaw`SELECT pg_sleep(20), 'outage-probe'`);
      await expect
        .poll(async () => (await admin.query(`SELECT pid FROM pg_stat_activity WHERE query LIKE '%outage-probe%' AND pid <> pg_backend_pid()`)).rowCount, {
          timeout: 5_000,
        })
        .toBe(1);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%outage-probe%' AND pid <> pg_backend_pid()`);
      expect(await sleeping).toEqual({ ok: false, formError: DATABASE_UNAVAILABLE });
    } finally {
      await admin.end();
      await client.$disconnect();
      await pool.end().catch(() => undefined);
    }
  });

  it("knows the shapes an outage took against a real server: a raw query's PostgreSQL code, a dead pooled client", () => {
    // As Prisma reported them while the cluster tests stopped PostgreSQL (tests/cluster).
    const rawQueryFailed = { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } };
    expect(isDatabaseUnavailable(rawQueryFailed)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "23505" } } } })).toBe(false);
  });

  it("any other failure stays a generic error, with nothing of it shown", async () => {
    expect(await toActionResult(() => Promise.reject(new Error("column secret_value is sensitive")))).toEqual({
      ok: false,
      formError: "Something went wrong on our side. Please try again.",
    });
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});
