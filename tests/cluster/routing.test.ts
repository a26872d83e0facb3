// Through HAProxy with round-robin over two instances: whatever one instance learns (a
// sign-in, a demotion, a role edit, a rate-limit count) holds on the other at once,
// because all of it lives in PostgreSQL; and sweeps on both record each item once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { decideRequest } from "@/lib/products/pam/requests/decide-request";
import { createRootCa } from "@/lib/products/pki/authorities/create-root-ca";
import { createProject } from "@/lib/platform/projects/create-project";
import { createScimToken } from "@/lib/platform/scim/tokens";
import { addOrgMember, addProjectMember, createOrgFor, createUser, orgAccess, projectAccess, TEST_PASSWORD, unique } from "../support/factories";
import { createPamTarget } from "../../scripts/lib/pam-target";
import { pamProject } from "../support/pam";
import { HttpClient } from "./support/http-client";
import { startTestCluster, type TestCluster } from "./support/test-cluster";

let cluster: TestCluster;

beforeAll(async () => {
  // Both instances sweep every second, so that they race for the same expired grants.
  cluster = await startTestCluster({ env: { SWEEP_INTERVAL_SECONDS: "1" } });
});
afterAll(async () => {
  await cluster?.close();
});

async function orgWithAdmin() {
  const admin = await createUser({ name: "Admin" });
  const org = await createOrgFor(admin.actor);
  await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
  const client = new HttpClient(cluster.url);
  expect((await client.signIn(admin.email, TEST_PASSWORD)).error).toBeUndefined();
  return { admin, org, client };
}

async function signedInMember(orgId: string, role: string) {
  const user = await createUser();
  await addOrgMember(orgId, user.id, role as "admin");
  const client = new HttpClient(cluster.url);
  expect((await client.signIn(user.email, TEST_PASSWORD)).error).toBeUndefined();
  const membership = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId, userId: user.id } }, select: { id: true } });
  return { user, client, membershipId: membership.id };
}

describe("two instances behind the load balancer", () => {
  it("alternates instances, and a session made on one is honoured by the other", async () => {
    const admin = await createUser({ name: "Round Robin" });
    const org = await createOrgFor(admin.actor);
    const client = new HttpClient(cluster.url);
    const signIn = await client.signIn(admin.email, TEST_PASSWORD);
    expect(signIn.error).toBeUndefined();

    const page = await client.get(`/orgs/${org.slug}/members`);
    expect(page.status).toBe(200);
    expect(page.servedBy).toBeDefined();
    expect(page.servedBy).not.toBe(signIn.servedBy);
    expect(page.body).toContain(admin.email);

    const email = `${unique("rr")}@example.com`;
    const invite = await client.action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), {
      orgSlug: org.slug,
      emails: email,
      role: "member",
    });
    expect(invite.result?.ok).toBe(true);
    expect(invite.answer.servedBy).not.toBe(page.servedBy);
    expect(await db().invitation.count({ where: { orgId: org.id, email } })).toBe(1);
  });

  it("refuses a member's very next request on instance B once instance A demoted them", async () => {
    const { org, client: admin } = await orgWithAdmin();
    const member = await signedInMember(org.id, "admin");
    const invite = (tag: string) =>
      member.client.action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), {
        orgSlug: org.slug,
        emails: `${unique(tag)}@example.com`,
        role: "member",
      });
    expect((await invite("before")).result?.ok).toBe(true);

    const demotion = await admin.action(`/orgs/${org.slug}/members`, cluster.actionId("changeOrgMemberRoleAction"), {
      orgSlug: org.slug,
      membershipId: member.membershipId,
      role: "member",
    });
    expect(demotion.result?.ok).toBe(true);

    const after = await invite("after");
    expect(after.answer.servedBy).not.toBe(demotion.answer.servedBy);
    expect(after.result).toMatchObject({ ok: false, formError: expect.stringContaining("does not allow") });
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("refuses a member's very next request on instance B once instance A took them out of the group that gave the role", async () => {
    const { org, client: admin } = await orgWithAdmin();
    const member = await signedInMember(org.id, "no-access");
    const created = await admin.action(`/orgs/${org.slug}/groups`, cluster.actionId("createGroupAction"), {
      orgSlug: org.slug,
      name: "Inviters",
      slug: "inviters",
      description: "",
      orgRole: "admin",
    });
    expect(created.result?.ok).toBe(true);
    const groupId = (created.result as { data: { groupId: string } }).data.groupId;
    const added = await admin.action(`/orgs/${org.slug}/groups/inviters`, cluster.actionId("addGroupMembersAction"), {
      orgSlug: org.slug,
      groupId,
      userIds: [member.user.id],
    });
    expect(added.result?.ok).toBe(true);
    const invite = (tag: string) =>
      member.client.action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), {
        orgSlug: org.slug,
        emails: `${unique(tag)}@example.com`,
        role: "member",
      });
    expect((await invite("before")).result?.ok).toBe(true);

    const removal = await admin.action(`/orgs/${org.slug}/groups/inviters`, cluster.actionId("removeGroupMemberAction"), {
      orgSlug: org.slug,
      groupId,
      userId: member.user.id,
    });
    expect(removal.result?.ok).toBe(true);

    const after = await invite("after");
    expect(after.answer.servedBy).not.toBe(removal.answer.servedBy);
    expect(after.result).toMatchObject({ ok: false, formError: expect.stringContaining("does not allow") });
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("refuses a member's very next request on instance B once the identity provider deactivated them through instance A", async () => {
    const { org, admin: adminUser } = await orgWithAdmin();
    await db().ssoConnection.create({
      data: { orgId: org.id, issuer: "https://idp.invalid", clientId: "x", clientSecretSealed: new Uint8Array([0]), allowedDomains: ["example.com"] },
    });
    const admin = await orgAccess(adminUser, org.slug);
    const { token } = await createScimToken(admin, { orgSlug: org.slug, name: "Okta", expiresIn: "30" });
    const member = await signedInMember(org.id, "member");
    const provider = new HttpClient(cluster.url);
    const scim = (method: string, path: string, body: unknown) =>
      provider.request(method, `/api/scim/v2/${org.slug}/${path}`, {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
        body: JSON.stringify(body),
      });
    const adopted = await scim("POST", "Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: member.user.email });
    expect(adopted.status).toBe(201);
    const scimId = (JSON.parse(adopted.body) as { id: string }).id;
    expect((await member.client.get(`/orgs/${org.slug}/members`)).status).toBe(200);

    const deactivation = await scim("PATCH", `Users/${scimId}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(deactivation.status).toBe(200);
    const after = await member.client.get(`/orgs/${org.slug}/members`);
    expect(after.servedBy).not.toBe(deactivation.servedBy);
    expect(after.status).toBe(404);
  });

  it("applies a role edit made through instance A to the role's holders on instance B", async () => {
    const { org, client: admin } = await orgWithAdmin();
    const rolesPage = `/orgs/${org.slug}/roles`;
    const created = await admin.action(rolesPage, cluster.actionId("createOrgRoleAction"), {
      orgSlug: org.slug,
      name: "Inviter",
      slug: "inviter",
      permissions: [{ subject: "member", actions: ["read", "invite"] }],
    });
    expect(created.result?.ok).toBe(true);
    const member = await signedInMember(org.id, "inviter");
    const invite = (tag: string) =>
      member.client.action(`/orgs/${org.slug}/members`, cluster.actionId("createInvitationsAction"), {
        orgSlug: org.slug,
        emails: `${unique(tag)}@example.com`,
        role: "no-access",
      });
    expect((await invite("before")).result?.ok).toBe(true);

    const edit = await admin.action(`${rolesPage}/inviter`, cluster.actionId("updateOrgRoleAction"), {
      orgSlug: org.slug,
      roleSlug: "inviter",
      name: "Inviter",
      permissions: [{ subject: "member", actions: ["read"] }],
    });
    expect(edit.result?.ok).toBe(true);

    const after = await invite("after");
    expect(after.answer.servedBy).not.toBe(edit.answer.servedBy);
    expect(after.result).toMatchObject({ ok: false, formError: expect.stringContaining("does not allow") });
  });

  it("counts one address's sign-in attempts on both instances together", async () => {
    const victim = await createUser();
    const guesser = new HttpClient(cluster.url, "127.0.0.2");
    const servedBy = new Set<string | undefined>();
    // The limit for one address on one account is 10 attempts in 15 minutes.
    for (let attempt = 0; attempt < 10; attempt++) {
      const result = await guesser.signIn(victim.email, "wrong password");
      expect(result.error).toBe("CredentialsSignin");
      servedBy.add(result.servedBy);
    }
    expect(servedBy.size).toBe(2);
    // The 11th is refused wherever it lands, even with the right password.
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await guesser.signIn(victim.email, TEST_PASSWORD)).error).toBe("RATE_LIMITED");
    }
    // The owner, from their own address, is not locked out.
    expect((await new HttpClient(cluster.url, "127.0.0.3").signIn(victim.email, TEST_PASSWORD)).error).toBeUndefined();
  });

  it("records each expiring grant exactly once while both instances sweep", async () => {
    const admin = await createUser({ name: "Admin" });
    const org = await createOrgFor(admin.actor);
    await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    const project = await createProject(await orgAccess(admin, org.slug), { orgSlug: org.slug, name: "Sweep", slug: unique("sweep-"), type: "SECRET_MANAGER" });
    const holders: string[] = [];
    for (let index = 0; index < 200; index++) {
      const user = await createUser();
      await addOrgMember(org.id, user.id, "member");
      await addProjectMember(project.id, user.id, [{ role: "viewer", expiresAt: new Date(Date.now() + 3_600_000) }]);
      holders.push(user.id);
    }
    // All fall due at one instant, so both instances' next sweeps find the same rows.
    await db().projectRoleGrant.updateMany({ where: { membership: { projectId: project.id }, expiresAt: { not: null } }, data: { expiresAt: new Date() } });
    const unrecorded = () =>
      db().projectRoleGrant.count({ where: { membership: { projectId: project.id }, expiresAt: { not: null }, expiryRecordedAt: null } });
    for (let wait = 0; wait < 120 && (await unrecorded()) > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await unrecorded()).toBe(0);
    // A few more sweeps by both instances must add nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const events = await db().auditEvent.findMany({ where: { projectId: project.id, action: "project-member.grant-expired" }, select: { targetId: true } });
    expect(events).toHaveLength(holders.length);
    expect(new Set(events.map((event) => event.targetId))).toEqual(new Set(holders));
  });

  it("a role approved through instance A lets the member in on instance B's next request; it ends once, on time, while both sweep", async () => {
    const { org, client: admin, admin: adminUser } = await orgWithAdmin();
    const project = await createProject(await orgAccess(adminUser, org.slug), {
      orgSlug: org.slug,
      name: "Asked",
      slug: unique("asked-"),
      type: "SECRET_MANAGER",
    });
    const member = await signedInMember(org.id, "member");
    const ref = { orgSlug: org.slug, projectSlug: project.slug };
    const secrets = `/orgs/${org.slug}/projects/${project.slug}/secrets`;
    expect((await member.client.get(secrets)).status).toBe(404);
    const asked = await member.client.action(`/orgs/${org.slug}`, cluster.actionId("requestProjectAccessAction"), {
      ...ref,
      role: "viewer",
      durationMinutes: 60,
      reason: "Cluster",
    });
    expect(asked.result?.ok).toBe(true);
    const { requestId } = (asked.result as { data: { requestId: string } }).data;

    const approved = await admin.action(`/orgs/${org.slug}/access-requests/${requestId}`, cluster.actionId("decideRoleRequestAction"), {
      ...ref,
      requestId,
      decision: "APPROVE",
      comment: "",
    });
    expect(approved.result).toMatchObject({ ok: true, data: { status: "ACTIVE" } });
    const opened = await member.client.get(secrets);
    expect(opened.servedBy).not.toBe(approved.answer.servedBy);
    expect(opened.status).toBe(200);

    // Its time comes: both instances' sweeps find it at once.
    // The request first: a sweep between the two statements would otherwise end it for its gone grant, a moment later.
    const now = new Date();
    await db().roleRequest.update({ where: { id: requestId }, data: { expiresAt: now } });
    await db().projectRoleGrant.updateMany({ where: { membership: { projectId: project.id, userId: member.user.id } }, data: { expiresAt: now } });
    expect((await member.client.get(secrets)).status).toBe(404);
    const settled = async () =>
      (await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } })).status === "ENDED" &&
      (await db().projectRoleGrant.count({ where: { membership: { projectId: project.id }, expiresAt: { not: null }, expiryRecordedAt: null } })) === 0;
    for (let wait = 0; wait < 120 && !(await settled()); wait++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await settled()).toBe(true);
    // A few more sweeps by both instances must add nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await db().auditEvent.count({ where: { projectId: project.id, action: "project-member.grant-expired", targetId: member.user.id } })).toBe(1);
    expect(await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { endedAt: true } })).toEqual({ endedAt: now });
  });

  it("re-signs each due CRL exactly once while both instances sweep", async () => {
    const admin = await createUser({ name: "Admin" });
    const org = await createOrgFor(admin.actor);
    await db().organization.update({ where: { id: org.id }, data: { plan: "ENTERPRISE" } });
    const project = await createProject(await orgAccess(admin, org.slug), { orgSlug: org.slug, name: "CAs", slug: unique("pki-"), type: "PKI" });
    const access = await projectAccess(admin, org.slug, project.slug);
    const profile = {
      orgSlug: org.slug,
      projectSlug: project.slug,
      keyAlgorithm: "EC_P256" as const,
      maxPathLength: "",
      permittedDnsNames: "",
      excludedDnsNames: "",
      permittedIpRanges: "",
      excludedIpRanges: "",
    };
    const ids: string[] = [];
    for (let index = 0; index < 10; index++) {
      ids.push((await createRootCa(access, { ...profile, name: `Root ${index}`, commonName: `Root ${index}`, validityDays: 365 })).caId);
    }
    const numbers = async () =>
      new Map(
        (await db().certificateAuthority.findMany({ where: { id: { in: ids } }, select: { id: true, crlNumber: true } })).map((ca) => [ca.id, ca.crlNumber]),
      );
    const before = await numbers();
    const dueSince = new Date();
    // All fall due at one instant, so both instances' next sweeps find the same rows.
    await db().certificateAuthority.updateMany({ where: { id: { in: ids } }, data: { crlNextUpdate: dueSince } });
    const stillDue = () => db().certificateAuthority.count({ where: { id: { in: ids }, crlNextUpdate: { lte: new Date(Date.now() + 3_600_000) } } });
    for (let wait = 0; wait < 120 && (await stillDue()) > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await stillDue()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const after = await numbers();
    for (const id of ids) expect(after.get(id), id).toBe(before.get(id)! + 1);
    // One event per CA for the signing the sweeps did (its CRL number), whichever instance did
    // it. Matched by number, not by time: an event is stamped with its transaction's start,
    // which a sweep may have begun a moment before the CAs fell due.
    const signed = await db().auditEvent.findMany({ where: { projectId: project.id, action: "pki.crl-signed" }, select: { targetId: true, metadata: true } });
    const bySweep = signed.filter((event) => (event.metadata as { crlNumber?: number }).crlNumber === after.get(event.targetId ?? ""));
    expect(bySweep.map((event) => event.targetId).sort()).toEqual([...ids].sort());
  });

  it("ends each expiring PAM grant exactly once, dropping its login, while both instances sweep", async () => {
    const pam = await createPamTarget(cluster.postgres.urlFor("postgres"));
    try {
      const project = await pamProject({}, pam.target);
      const requestIds: string[] = [];
      for (let index = 0; index < 5; index++) {
        const requester = await project.memberWith("member", [{ role: "member" }]);
        const { requestId } = await createRequest(await project.as(requester), {
          ...project.ref,
          accountId: project.accountId,
          durationMinutes: 30,
          reason: "Cluster sweep",
        });
        await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" });
        requestIds.push(requestId);
      }
      const logins = (await db().pamAccessRequest.findMany({ where: { id: { in: requestIds } }, select: { loginRole: true } })).map(
        (request) => request.loginRole!,
      );
      const loginsOnTarget = async () => {
        const client = new pg.Client({ connectionString: pam.target.superuserUrl });
        await client.connect();
        try {
          return (await client.query("SELECT 1 FROM pg_roles WHERE rolname = ANY($1)", [logins])).rowCount;
        } finally {
          await client.end();
        }
      };
      expect(await loginsOnTarget()).toBe(5);

      // All fall due at one instant; both instances sweep PAM grants every 5 seconds.
      await db().pamAccessRequest.updateMany({ where: { id: { in: requestIds } }, data: { expiresAt: new Date() } });
      const active = () => db().pamAccessRequest.count({ where: { id: { in: requestIds }, status: "ACTIVE" } });
      for (let wait = 0; wait < 120 && (await active()) > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await active()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 6_000));

      const ended = await db().auditEvent.findMany({ where: { projectId: project.project.id, action: "pam.grant-expired" }, select: { targetId: true } });
      expect(ended.map((event) => event.targetId).sort()).toEqual([...requestIds].sort());
      expect(await loginsOnTarget()).toBe(0);
    } finally {
      await pam.drop();
    }
  });
});
