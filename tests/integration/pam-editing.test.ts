// Editing PAM's policies and resources (console round three, item 6): the same rules as
// writing them, a diff in the audit log, and for resources a login with the new settings
// before anything is saved — including TLS verified against a database's own CA.
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { namesInEvent } from "@/lib/platform/audit-log/event-names";
import { getAuditEvent, orgAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { ForbiddenError, NotFoundError } from "@/lib/platform/errors";
import { findPolicyPeople, listPolicies, updatePolicy } from "@/lib/products/pam/policies";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { decideRequest } from "@/lib/products/pam/requests/decide-request";
import { revealCredentials } from "@/lib/products/pam/requests/reveal-credentials";
import { createResource, listResources, testResourceConnection, updateResource } from "@/lib/products/pam/resources";
import { CA_FILE } from "@/lib/products/pam/vocabulary";
import { revokeGrant } from "@/lib/products/pam/grants";
import { createPamTarget } from "../../scripts/lib/pam-target";
import { pamProject, superuser, target, type PamProject } from "../support/pam";
import { tlsPostgres, type TlsPostgres } from "../support/tls-postgres";

const policyOf = async (project: PamProject) => db().pamPolicy.findFirstOrThrow({ where: { projectId: project.project.id } });

async function policyInput(project: PamProject, changes: Record<string, unknown> = {}) {
  const policy = await policyOf(project);
  const { id, name, resourceGlob, accountGlob, requiredApprovals, approverIds, approverRole, maxDurationMinutes, breakGlassIds } = policy;
  return {
    ...project.ref,
    policyId: id,
    name,
    resourceGlob,
    accountGlob,
    requiredApprovals,
    approverIds,
    approverRole,
    maxDurationMinutes,
    breakGlassIds,
    ...changes,
  };
}

const connection = (changes: Record<string, unknown> = {}) => ({
  host: target.host,
  port: target.port,
  database: target.database,
  tlsMode: "DISABLE" as const,
  brokerUser: target.brokerUser,
  ...changes,
});

/** The tests' PostgreSQL server as its superuser, for a target database of a test's own. */
const serverUrl = () => {
  const url = new URL(target.superuserUrl);
  url.pathname = "/postgres";
  return url.toString();
};

const eventsOf = (targetId: string, action: string) =>
  db().auditEvent.findMany({ where: { targetId, action }, orderBy: { createdAt: "asc" }, select: { actorId: true, summary: true, metadata: true } });

describe("PAM policies: editing", () => {
  it("an admin changes a policy: the same checks as writing one, a from → to record, the editor becomes its author, and a save without a change records nothing", async () => {
    const project = await pamProject();
    const [first] = project.approvers;
    const adminId = project.admin.orgAccess.actor.userId;
    await updatePolicy(project.admin, await policyInput(project, { requiredApprovals: 2, approverIds: [first!.id], maxDurationMinutes: 30 }));
    const policy = await policyOf(project);
    expect(policy).toMatchObject({ requiredApprovals: 2, approverIds: [first!.id], maxDurationMinutes: 30, createdById: adminId });
    const [event] = await eventsOf(policy.id, "pam.policy-updated");
    expect(event).toMatchObject({
      actorId: adminId,
      summary: "Changed approvals, approvers, longest access",
      metadata: {
        changes: {
          requiredApprovals: { from: 1, to: 2 },
          approverIds: { from: [], to: [first!.id] },
          maxDurationMinutes: { from: 60, to: 30 },
        },
      },
    });
    // The event page names the people and the project, for this org's log only.
    const firstUser = await db().user.findUniqueOrThrow({ where: { id: first!.id }, select: { name: true, email: true } });
    const recorded = await getAuditEvent(
      orgAuditScope(project.admin.orgAccess),
      (await db().auditEvent.findFirstOrThrow({ where: { targetId: policy.id, action: "pam.policy-updated" } })).id,
    );
    expect(await namesInEvent(orgAuditScope(project.admin.orgAccess), recorded)).toEqual({
      projectName: project.project.name,
      people: [{ field: "approverIds", names: [`${firstUser.name} (${firstUser.email})`] }],
    });
    const elsewhere = await pamProject();
    expect(await namesInEvent(orgAuditScope(elsewhere.admin.orgAccess), recorded)).toEqual({
      projectName: null,
      people: [{ field: "approverIds", names: ["someone no longer in the organization"] }],
    });
    // The same values again (people in another order) change nothing and record nothing.
    await updatePolicy(project.admin, await policyInput(project));
    expect(await eventsOf(policy.id, "pam.policy-updated")).toHaveLength(1);

    // The rules of writing hold: 4 approvals from the 3 people who could approve is refused at its field.
    await expect(updatePolicy(project.admin, await policyInput(project, { requiredApprovals: 4 }))).rejects.toMatchObject({
      fieldErrors: { requiredApprovals: [expect.stringMatching(/need 4 approvals, but only 3 of the approvers you named can approve there/)] },
    });
    await expect(updatePolicy(project.admin, await policyInput(project, { breakGlassIds: [adminId] }))).rejects.toMatchObject({
      fieldErrors: { breakGlassIds: [expect.stringMatching(/cannot name yourself for break-glass/)] },
    });
    expect(await policyOf(project)).toMatchObject({ requiredApprovals: 2, breakGlassIds: [] });

    // The list reads in words and says how many accounts the patterns cover today.
    const [listed] = await listPolicies(project.admin);
    expect(listed).toMatchObject({ accountsCovered: 1, approvers: [{ userId: first!.id, name: first!.name }] });
  });

  it("another admin who can approve may rewrite a policy that names others for break-glass, and becomes its author", async () => {
    const project = await pamProject({ breakGlass: true });
    // Another admin (who can approve) rewrites it and keeps the list: fine, they are the author now.
    const second = await project.as(project.approvers[1]!);
    await updatePolicy(second, await policyInput(project, { name: "Orders, reviewed" }));
    expect(await policyOf(project)).toMatchObject({ name: "Orders, reviewed", createdById: project.approvers[1]!.id, breakGlassIds: [project.requester.id] });
  });

  it("a member without access-policy:edit is refused, and another org's admin cannot reach the policy by its id", async () => {
    const project = await pamProject();
    const other = await pamProject();
    const input = await policyInput(project, { requiredApprovals: 2 });
    await expect(updatePolicy(await project.as(project.requester), input)).rejects.toThrow(ForbiddenError);
    await expect(updatePolicy(other.admin, { ...input, ...other.ref })).rejects.toThrow(NotFoundError);
    expect(await policyOf(project)).toMatchObject({ requiredApprovals: 1 });
  });

  it("the picker searches the project's people by name or email, for those who may read its members", async () => {
    const project = await pamProject();
    const requester = await db().user.findUniqueOrThrow({ where: { id: project.requester.id }, select: { name: true, email: true } });
    expect(await findPolicyPeople(project.admin, { ...project.ref, q: requester.email.toUpperCase().slice(0, 12) })).toEqual(
      expect.arrayContaining([{ userId: project.requester.id, name: requester.name, email: requester.email }]),
    );
    const everyone = await findPolicyPeople(project.admin, { ...project.ref, q: "" });
    expect(everyone.map((person) => person.userId)).toEqual(expect.arrayContaining([project.requester.id, ...project.approvers.map((user) => user.id)]));
    // Someone of another org's project is never offered.
    const other = await pamProject();
    expect((await findPolicyPeople(project.admin, { ...project.ref, q: "" })).map((person) => person.userId)).not.toContain(other.requester.id);
    const noAccess = await project.memberWith("member", [{ role: "no-access" }]);
    await expect(findPolicyPeople(await project.as(noAccess), { ...project.ref, q: "" })).rejects.toThrow(ForbiddenError);
  });
});

describe("PAM resources: editing", () => {
  it("a new broker password is checked by logging in before it is saved, recorded without the password; an unchanged save records nothing", async () => {
    // A database of its own: its broker's password changes, which other tests must not see.
    const own = await createPamTarget(serverUrl());
    try {
      const project = await pamProject({}, own.target);
      const { resourceId } = project;
      const settings = { ...project.ref, resourceId, ...connection({ database: own.target.database, brokerUser: own.target.brokerUser }) };
      const rotated = randomBytes(18).toString("base64url");
      await superuser((client) => client.query(`ALTER ROLE ${pg.escapeIdentifier(own.target.brokerUser)} PASSWORD ${pg.escapeLiteral(rotated)}`));
      await expect(updateResource(project.admin, { ...settings, brokerPassword: "not-it" })).rejects.toMatchObject({
        fieldErrors: { brokerPassword: [expect.stringMatching(/password is wrong/)] },
      });
      expect(await updateResource(project.admin, { ...settings, brokerPassword: rotated })).toEqual({ problems: [] });
      expect((await testResourceConnection(project.admin, { ...project.ref, resourceId })).problems).toEqual([]);
      const events = await eventsOf(resourceId, "pam.resource-updated");
      expect(events).toEqual([expect.objectContaining({ summary: "broker password replaced" })]);
      expect(JSON.stringify(events)).not.toContain(rotated);
      // The saved (new) password is what a grant now uses.
      const { requestId } = await createRequest(await project.as(project.requester), {
        ...project.ref,
        accountId: project.accountId,
        durationMinutes: 10,
        reason: "Looking at order 4711",
      });
      expect(await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" })).toMatchObject({
        status: "ACTIVE",
      });
      // Saving the same settings with the password left blank keeps it and records nothing.
      expect(await updateResource(project.admin, { ...settings, brokerPassword: "" })).toEqual({ problems: [] });
      expect(await eventsOf(resourceId, "pam.resource-updated")).toHaveLength(1);
      await revokeGrant(project.admin, { ...project.ref, requestId });
    } finally {
      await own.drop();
    }
  });

  it("a wrong address is refused at its field and nothing changes; a resource with a live grant keeps its address until the grant ends", async () => {
    const project = await pamProject();
    const ref = { ...project.ref, resourceId: project.resourceId };
    await expect(updateResource(project.admin, { ...ref, ...connection({ database: "no_such_database" }) })).rejects.toMatchObject({
      fieldErrors: { database: [expect.stringMatching(/does not exist/)] },
    });
    const { requestId } = await createRequest(await project.as(project.requester), {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 10,
      reason: "Looking at order 4711",
    });
    await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" });
    // The same server under another address form is still a move; it is refused while the grant lives.
    await expect(updateResource(project.admin, { ...ref, ...connection({ host: "localhost" }) })).rejects.toMatchObject({
      fieldErrors: { host: [expect.stringMatching(/1 active grant .*revoke it before pointing it elsewhere/)] },
    });
    expect(await db().pamResource.findUniqueOrThrow({ where: { id: project.resourceId }, select: { host: true } })).toEqual({ host: target.host });
  });

  it("a member without resource:edit is refused, and another org's admin cannot reach the resource by its id", async () => {
    const project = await pamProject();
    const other = await pamProject();
    const input = { ...project.ref, resourceId: project.resourceId, ...connection({ port: 1 }) };
    await expect(updateResource(await project.as(project.requester), input)).rejects.toThrow(ForbiddenError);
    await expect(updateResource(other.admin, { ...input, ...other.ref })).rejects.toThrow(NotFoundError);
  });
});

describe("PAM resources: TLS verified against the database's own CA", () => {
  let tlsDatabase: TlsPostgres;
  beforeAll(async () => {
    tlsDatabase = await tlsPostgres({ host: target.host, port: target.port });
  });
  afterAll(async () => {
    await tlsDatabase.close();
  });

  it("without its CA (or with another) the certificate does not verify; with it the broker logs in, and the requester's psql verifies it too", async () => {
    const project = await pamProject();
    const fields = {
      ...project.ref,
      name: "Orders over TLS",
      ...connection({ host: tlsDatabase.host, port: tlsDatabase.port, tlsMode: "VERIFY_FULL" }),
      brokerPassword: target.brokerPassword,
    };
    await expect(createResource(project.admin, fields)).rejects.toMatchObject({ fieldErrors: { caCertificate: [expect.stringMatching(/does not verify/)] } });
    await expect(createResource(project.admin, { ...fields, caCertificate: tlsDatabase.otherCaPem })).rejects.toMatchObject({
      fieldErrors: { caCertificate: [expect.stringMatching(/does not verify/)] },
    });
    await expect(createResource(project.admin, { ...fields, caCertificate: "not a certificate" })).rejects.toMatchObject({
      fieldErrors: { caCertificate: [expect.stringMatching(/PEM certificates/)] },
    });
    await expect(createResource(project.admin, { ...fields, tlsMode: "REQUIRE", caCertificate: tlsDatabase.caPem })).rejects.toMatchObject({
      fieldErrors: { caCertificate: [expect.stringMatching(/Only a verified connection uses a CA certificate/)] },
    });
    const { resourceId, problems } = await createResource(project.admin, { ...fields, caCertificate: tlsDatabase.caPem });
    expect(problems).toEqual([]);
    expect((await listResources(project.admin)).find((resource) => resource.id === resourceId)).toMatchObject({
      tlsMode: "VERIFY_FULL",
      caCertificate: tlsDatabase.caPem,
    });

    // The project's existing account moves to the TLS resource: a grant through it shows the CA to save.
    await db().pamAccount.update({ where: { id: project.accountId }, data: { resourceId } });
    const { requestId } = await createRequest(await project.as(project.requester), {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 10,
      reason: "Looking at order 4711",
    });
    await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" });
    const credentials = await revealCredentials(await project.as(project.requester), { ...project.ref, requestId });
    expect(credentials.caCertificate).toBe(tlsDatabase.caPem);
    expect(credentials.psqlCommand).toContain(`sslmode=verify-full sslrootcert=${CA_FILE}`);
    const folder = mkdtempSync(path.join(tmpdir(), "tessera-psql-"));
    writeFileSync(path.join(folder, CA_FILE), credentials.caCertificate!);
    // psql as shown, run where the CA was saved: it verifies the certificate (the proxy's) and logs in.
    // (Not execFileSync: the proxy answering psql runs in this process.)
    const { stdout } = await promisify(execFile)("bash", ["-c", `${credentials.psqlCommand} -tAc "SELECT current_user"`], {
      cwd: folder,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe(credentials.loginRole);
    // Editing it back to its system-CA form says so in the record.
    await expect(
      updateResource(project.admin, { ...project.ref, resourceId, ...connection({ host: tlsDatabase.host, port: tlsDatabase.port, tlsMode: "VERIFY_FULL" }) }),
    ).rejects.toMatchObject({
      fieldErrors: { caCertificate: [expect.stringMatching(/does not verify/)] },
    });
  });
});
