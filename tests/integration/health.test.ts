// The health endpoints, from outside (no session): readiness says whether an instance
// should get traffic, liveness only that the process answers.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/route";
import { readiness, shippedMigrations } from "@/lib/platform/health/readiness";

describe("health", () => {
  it("is ready on a migrated database and live without asking it", async () => {
    const response = await ready(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    const alive = await live(new Request("http://localhost/api/health/live"));
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: "live" });
  });

  it("is not ready while a migration of this build is missing, naming it", async () => {
    const shipped = shippedMigrations();
    expect(await readiness(async () => shipped.slice(0, -1), shipped)).toEqual({ ready: false, reason: "migrations pending", pending: [shipped.at(-1)] });
    expect(await readiness(async () => [], shipped)).toMatchObject({ ready: false, pending: shipped });
  });

  it("answers 'database unavailable' when nothing listens", async () => {
    const unreachable = async () => {
      const client = new pg.Client({ host: "127.0.0.1", port: 1, user: "x", database: "x", connectionTimeoutMillis: 2_000 });
      await client.connect();
      return [];
    };
    expect(await readiness(unreachable, shippedMigrations())).toEqual({ ready: false, reason: "database unavailable" });
  });
});
