import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consumeRateLimit, describeRetry } from "@/lib/rate-limits/rate-limit";
import { signInAllowed } from "@/lib/rate-limits/sign-in-limits";
import { unique } from "../support/factories";

describe("rate limits in PostgreSQL", () => {
  it("allows the rule's points per window, then refuses with the time to wait", async () => {
    const rule = { name: unique("rule"), points: 3, windowSeconds: 60 };
    const results = [];
    for (let attempt = 0; attempt < 5; attempt++) results.push(await consumeRateLimit(rule, "key"));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]!.retryAfterSeconds).toBeGreaterThan(50);
    expect(describeRetry(results[4]!.retryAfterSeconds)).toBe("in a minute");
  });

  it("counts exactly under concurrency, as separate instances would", async () => {
    const rule = { name: unique("burst"), points: 10, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(rule, "shared")));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });

  it("starts a new window once the old one has expired", async () => {
    const rule = { name: unique("window"), points: 1, windowSeconds: 60 };
    expect((await consumeRateLimit(rule, "k")).allowed).toBe(true);
    expect((await consumeRateLimit(rule, "k")).allowed).toBe(false);
    await db().rateLimit.update({ where: { key: `${rule.name}:k` }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await consumeRateLimit(rule, "k")).allowed).toBe(true);
  });

  it("limits sign-in per account whatever the spelling of the email", async () => {
    const email = `${unique("target")}@example.com`;
    const attempts = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      attempts.push(await signInAllowed(attempt % 2 ? email.toUpperCase() : email, `10.0.0.${attempt}`));
    }
    expect(attempts.slice(0, 10).every(Boolean)).toBe(true);
    expect(attempts[10]).toBe(false);
  });
});
