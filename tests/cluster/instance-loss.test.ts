// Losing an instance: SIGKILL during a burst of writes loses no acknowledged write and
// leaves none half-done, while the balancer sends the rest to the survivor; SIGTERM lets
// the requests in flight finish before the instance exits.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { addOrgMember, createOrgFor, createUser, TEST_PASSWORD, unique } from "../support/factories";
import { HttpClient } from "./support/http-client";
import { startTestCluster, type TestCluster } from "./support/test-cluster";

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster({ env: { RATE_LIMIT_SCALE: "100" } });
});
afterAll(async () => {
  await cluster?.close();
});

async function orgWithSignedInAdmin(baseUrl = cluster.url) {
  const admin = await createUser({ name: "Admin" });
  const org = await createOrgFor(admin.actor);
  await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
  const client = new HttpClient(baseUrl);
  expect((await client.signIn(admin.email, TEST_PASSWORD)).error).toBeUndefined();
  return { org, client };
}

describe("losing an instance", () => {
  it("keeps every acknowledged write and no half of any when one of two is killed during 200 concurrent writes", async () => {
    const { org, client } = await orgWithSignedInAdmin();
    const members: Array<{ membershipId: string; userId: string }> = [];
    for (let index = 0; index < 100; index++) {
      const user = await createUser();
      const membership = await addOrgMember(org.id, user.id, "member");
      members.push({ membershipId: membership.id, userId: user.id });
    }
    type Write = { kind: "invite"; email: string } | { kind: "role"; membershipId: string };
    const writes: Write[] = [
      ...members.map((member) => ({ kind: "role" as const, membershipId: member.membershipId })),
      ...members.map(() => ({ kind: "invite" as const, email: `${unique("burst")}@example.com` })),
    ].sort(() => Math.random() - 0.5);

    const outcomes = new Map<Write, "ok" | "failed">();
    let killedAt: number | undefined;
    let next = 0;
    const worker = async () => {
      while (next < writes.length) {
        const write = writes[next++]!;
        const call =
          write.kind === "invite"
            ? client.action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), {
                orgSlug: org.slug,
                emails: write.email,
                role: "member",
              })
            : client.action(`/orgs/${org.slug}/members`, cluster.actionId("changeOrgMemberRoleAction"), {
                orgSlug: org.slug,
                membershipId: write.membershipId,
                role: "admin",
              });
        const result = await call.then(
          (outcome) => outcome.result,
          () => undefined,
        );
        outcomes.set(write, result?.ok ? "ok" : "failed");
        if (outcomes.size === 40 && killedAt === undefined) {
          killedAt = outcomes.size;
          void cluster.instances[0]!.stop("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    expect(killedAt).toBeDefined();

    const acknowledged = [...outcomes].filter(([, outcome]) => outcome === "ok").map(([write]) => write);
    const failed = [...outcomes].filter(([, outcome]) => outcome === "failed");
    console.log(`SIGKILL mid-burst: ${acknowledged.length} of ${writes.length} writes acknowledged, ${failed.length} failed in flight.`);
    // Only what was in flight on the killed instance can fail: the rest went to the survivor.
    expect(failed.length).toBeLessThanOrEqual(20);
    expect(acknowledged.length).toBeGreaterThanOrEqual(writes.length - 20);

    const invitations = await db().invitation.findMany({ where: { orgId: org.id }, select: { id: true, email: true } });
    const invitedEmails = new Set(invitations.map((invitation) => invitation.email));
    const admins = new Set(
      (await db().orgMembership.findMany({ where: { orgId: org.id, role: "admin" }, select: { id: true } })).map((membership) => membership.id),
    );
    for (const write of acknowledged) {
      if (write.kind === "invite") expect(invitedEmails.has(write.email), write.email).toBe(true);
      else expect(admins.has(write.membershipId), write.membershipId).toBe(true);
    }
    // Each change landed whole: the row and its audit event, or neither.
    const invitedEvents = await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.invited" }, select: { targetId: true } });
    expect(invitedEvents.map((event) => event.targetId).sort()).toEqual(invitations.map((invitation) => invitation.id).sort());
    const roleEvents = await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.role-changed" }, select: { targetId: true } });
    const promotedUsers = members.filter((member) => admins.has(member.membershipId)).map((member) => member.userId);
    expect(roleEvents.map((event) => event.targetId).sort()).toEqual(promotedUsers.sort());

    await cluster.instances[0]!.start();
    await cluster.waitUntilBalanced();
  });

  it("finishes the request in flight on SIGTERM, refuses new connections, then exits cleanly", async () => {
    const instance = cluster.instances[1]!;
    const { org, client } = await orgWithSignedInAdmin(instance.url);
    // Hold the org's row, which creating a project locks (its plan limit), so the request waits.
    const blocker = new pg.Client({ connectionString: cluster.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", [org.id]);
      const slug = unique("drain-");
      const pending = client.action(`/orgs/${org.slug}`, cluster.actionId("createProjectAction"), {
        orgSlug: org.slug,
        name: "Drain",
        slug,
        type: "SECRET_MANAGER",
      });
      for (let wait = 0; wait < 200; wait++) {
        const { rowCount } = await blocker.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        if (rowCount) break;
        await sleep(50);
      }

      const exited = instance.stop("SIGTERM");
      await sleep(1_000);
      expect(instance.process?.exitCode).toBeNull();
      await expect(new HttpClient(instance.url).get("/api/health/live")).rejects.toThrow(/ECONNREFUSED/);

      await blocker.query("ROLLBACK");
      const { result } = await pending;
      expect(result?.ok).toBe(true);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(await db().project.count({ where: { orgId: org.id, slug } })).toBe(1);
    } finally {
      await blocker.end();
    }
    await instance.start();
    await cluster.waitUntilBalanced();
  });

  it("answers Tessera's 503 page from the balancer itself when no instance is alive, and serves again once one is", async () => {
    await Promise.all(cluster.instances.map((instance) => instance.stop("SIGTERM")));
    const client = new HttpClient(cluster.url);
    await expect.poll(async () => (await client.get("/login")).status, { timeout: 15_000, interval: 250 }).toBe(503);
    const answer = await client.get("/login");
    expect(answer.body).toContain("Tessera is briefly unavailable");
    expect(answer.headers["retry-after"]).toBe("5");

    await cluster.instances[0]!.start();
    await expect.poll(async () => (await client.get("/login")).status, { timeout: 15_000, interval: 250 }).toBe(200);
    await cluster.instances[1]!.start();
    await cluster.waitUntilBalanced();
  });
});
