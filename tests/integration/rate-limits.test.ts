import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { MAX_INVITES_AT_ONCE } from "@/lib/platform/invitations/schemas";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "@/lib/platform/rate-limits/rate-limit";
import { signInAllowed } from "@/lib/platform/rate-limits/sign-in-limits";
import { orgAccess, orgWithProject, unique } from "../support/factories";

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

  it("limits sign-in per account and address whatever the spelling of the email", async () => {
    const email = `${unique("target")}@example.com`;
    const attempts = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      attempts.push(await signInAllowed(attempt % 2 ? email.toUpperCase() : email, "10.0.0.1"));
    }
    expect(attempts.slice(0, 10).every(Boolean)).toBe(true);
    expect(attempts[10]).toBe(false);
    expect(await signInAllowed(email, "10.0.0.2")).toBe(true);
  });

  it("keeps an account-wide ceiling for guesses spread over many addresses", async () => {
    const email = `${unique("spread")}@example.com`;
    const ceiling = RATE_LIMITS.signInPerAccount.points;
    const results = await Promise.all(Array.from({ length: ceiling }, (_, index) => signInAllowed(email, `10.1.${index >> 8}.${index & 255}`)));
    expect(results.every(Boolean)).toBe(true);
    expect(await signInAllowed(email, "10.2.0.1")).toBe(false);
  });

  it("counts invitations, not calls, against the org's invitation limit", async () => {
    const { admin, org } = await orgWithProject();
    const access = await orgAccess(admin, org.slug);
    const invite = (count: number) =>
      createInvitations(access, {
        orgSlug: org.slug,
        emails: Array.from({ length: count }, () => `${unique("invitee")}@example.com`),
        role: "member",
        projectRoles: [],
        expiresInDays: 7,
      });
    const limit = RATE_LIMITS.invitesPerOrg.points;
    // Before, each call counted once: four calls of 50 made 200 invitations for a count of 4.
    for (let sent = 0; sent < limit; sent += MAX_INVITES_AT_ONCE) await invite(MAX_INVITES_AT_ONCE);
    await expect(invite(1)).rejects.toThrow(/too many invitations/);
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(limit);
  });
});
