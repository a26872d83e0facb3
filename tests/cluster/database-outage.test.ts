// PostgreSQL stops for a few seconds under load: every answer is a page, a clean 503 page,
// or a form's "try again"; the instances serve again by themselves when it returns; and
// the database holds no partial change.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE } from "@/lib/platform/actions/to-action-result";
import { db } from "@/lib/platform/db";
import { createOrgFor, createUser, TEST_PASSWORD, unique } from "../support/factories";
import { HttpClient, type Answer } from "./support/http-client";
import { startTestCluster, type TestCluster } from "./support/test-cluster";

let cluster: TestCluster;

beforeAll(async () => {
  // The load sends hundreds of invitations from one org in a minute.
  cluster = await startTestCluster({ env: { RATE_LIMIT_SCALE: "100" } });
});
afterAll(async () => {
  await cluster?.close();
});

type Seen = { kind: "page" | "action"; status: number; detail: string; servedBy: string | undefined };

describe("a database outage", () => {
  it("answers 200 or a clean 503 while PostgreSQL is down, recovers by itself and keeps no partial change", async () => {
    const admin = await createUser({ name: "Admin" });
    const org = await createOrgFor(admin.actor);
    await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    const client = new HttpClient(cluster.url);
    expect((await client.signIn(admin.email, TEST_PASSWORD)).error).toBeUndefined();

    const seen: Seen[] = [];
    const acknowledged = new Set<string>();
    const unsure = new Set<string>();
    let loading = true;
    const failed = (error: unknown): Answer => ({ status: 0, headers: {}, body: String(error), servedBy: undefined });
    const pages = [`/orgs/${org.slug}`, `/orgs/${org.slug}/members`, `/orgs/${org.slug}/audit-log`];
    const pageLoop = async (offset: number) => {
      for (let turn = offset; loading; turn++) {
        const answer = await client.get(pages[turn % pages.length]!).catch(failed);
        seen.push({ kind: "page", status: answer.status, detail: answer.body.slice(0, 2000), servedBy: answer.servedBy });
      }
    };
    const actionLoop = async () => {
      while (loading) {
        const email = `${unique("outage")}@example.com`;
        const { answer, result } = await client
          .action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), { orgSlug: org.slug, emails: email, role: "member" })
          .catch((error: unknown) => ({ answer: failed(error), result: undefined }));
        if (result?.ok) acknowledged.add(email);
        else unsure.add(email);
        seen.push({
          kind: "action",
          status: answer.status,
          detail: result?.ok ? "ok" : (result?.formError ?? answer.body.slice(0, 300)),
          servedBy: answer.servedBy,
        });
      }
    };
    const load = Promise.all([pageLoop(0), pageLoop(1), pageLoop(2), actionLoop(), actionLoop()]);

    await sleep(2_000);
    const before = seen.length;
    await cluster.postgres.pause();
    await sleep(5_000);
    const during = seen.slice(before);
    await cluster.postgres.resume();
    const resumedAt = Date.now();
    let recoveredAfterMs: number | undefined;
    while (recoveredAfterMs === undefined && Date.now() - resumedAt < 60_000) {
      await sleep(100);
      const last = seen.slice(-6);
      if (last.length === 6 && last.every((one) => one.status === 200 && (one.kind === "page" || one.detail === "ok")))
        recoveredAfterMs = Date.now() - resumedAt;
    }
    await sleep(2_000);
    loading = false;
    await load;
    console.log(`Outage: ${during.length} answers while PostgreSQL was down; serving again ${recoveredAfterMs} ms after it returned.`);

    // The outage was seen, and answered cleanly: a 503 page, or the form's retry message.
    expect(during.some((one) => one.kind === "page" && one.status === 503)).toBe(true);
    for (const one of seen) {
      if (one.kind === "page") {
        expect(
          one.status === 200 || (one.status === 503 && one.detail.includes("Tessera is briefly unavailable")),
          `${one.status} ${one.detail.slice(0, 200)}`,
        ).toBe(true);
      } else {
        expect(one.status, one.detail).toBe(200);
        expect(["ok", DATABASE_UNAVAILABLE]).toContain(one.detail);
      }
    }
    expect(recoveredAfterMs).toBeDefined();

    // Both instances serve again, without a restart.
    const after = [];
    for (let index = 0; index < 6; index++) after.push(await client.get(`/orgs/${org.slug}/members`));
    expect(after.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(after.map((answer) => answer.servedBy)).size).toBe(2);

    // Every acknowledged invitation is there; nothing is there that was not asked for;
    // each invitation has its audit event and no event lacks its invitation.
    const invitations = await db().invitation.findMany({ where: { orgId: org.id }, select: { id: true, email: true } });
    const emails = new Set(invitations.map((invitation) => invitation.email));
    for (const email of acknowledged) expect(emails.has(email), email).toBe(true);
    for (const email of emails) expect(acknowledged.has(email) || unsure.has(email), email).toBe(true);
    const events = await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.invited" }, select: { targetId: true } });
    expect(events.map((event) => event.targetId).sort()).toEqual(invitations.map((invitation) => invitation.id).sort());
    expect(acknowledged.size).toBeGreaterThan(0);
  });

  it("starts an instance during the outage and lets it serve once the database returns", async () => {
    const instance = cluster.instances[1]!;
    await cluster.postgres.pause();
    let paused = true;
    try {
      await instance.stop("SIGTERM");
      const starting = instance.start();
      await sleep(4_000);
      expect(instance.process?.exitCode).toBeNull();
      await cluster.postgres.resume();
      paused = false;
      await starting;
    } finally {
      if (paused) await cluster.postgres.resume();
    }
    await cluster.waitUntilBalanced();
    expect((await new HttpClient(instance.url).get("/api/health")).status).toBe(200);
  });
});
