// PAM against a real PostgreSQL: the harness's server holds a target database with a broker
// and a role that may read one table (scripts/lib/pam-target.ts). Grants are real login
// roles; connections with the credentials Tessera shows are real connections.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { createAccount, deleteAccount, listAccounts, updateAccount } from "@/lib/products/pam/accounts";
import { endDueGrants, listGrants, revokeGrant, sampleGrantSessions } from "@/lib/products/pam/grants";
import { cancelRequest } from "@/lib/products/pam/requests/cancel-request";
import { createRequest } from "@/lib/products/pam/requests/create-request";
import { decideRequest } from "@/lib/products/pam/requests/decide-request";
import { getRequest } from "@/lib/products/pam/requests/get-request";
import { countAwaitingMyDecision, listRequests } from "@/lib/products/pam/requests/list-requests";
import { revealCredentials } from "@/lib/products/pam/requests/reveal-credentials";
import { createResource, deleteResource, testResourceConnection } from "@/lib/products/pam/resources";
import { deleteOrg } from "@/lib/platform/orgs/delete-org";
import { deleteProject } from "@/lib/platform/projects/delete-project";
import { expectNowhereInDatabase } from "../support/database-scan";
import { connectAs, loginRefused, pamProject, roleExists, superuser, target, type PamProject } from "../support/pam";
import { addOrgMember, addProjectMember, createUser, projectAccess, unique } from "../support/factories";

/** A request by the project's requester, approved by its first approver (policy of one approval). */
async function activeGrant(project: PamProject, durationMinutes = 30) {
  const { requestId } = await createRequest(await project.as(project.requester), {
    ...project.ref,
    accountId: project.accountId,
    durationMinutes,
    reason: "Investigating order 4711",
  });
  expect(await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" })).toEqual({
    status: "ACTIVE",
    approvals: 1,
  });
  const credentials = await revealCredentials(await project.as(project.requester), { ...project.ref, requestId });
  return { requestId, credentials };
}

describe("PAM: requests, approvals and real database logins", () => {
  it("two approvals: nothing before; the requester cannot approve their own; one leaves it pending; after the second the login reads its table and nothing else; credentials show once", async () => {
    const project = await pamProject({ requiredApprovals: 2 });
    const [first, second] = project.approvers as [typeof project.requester, typeof project.requester];
    const requesterAccess = await project.as(project.requester);
    const { requestId, status, credentials } = await createRequest(requesterAccess, {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 30,
      reason: "Investigating order 4711",
    });
    expect({ status, credentials }).toEqual({ status: "PENDING", credentials: null });

    // Nothing exists on the database yet: no member of the target role but the broker.
    const members = () =>
      superuser(async (client) =>
        (
          await client.query(
            `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = $1 AND r.rolname <> $2`,
            [target.readonlyRole, target.brokerUser],
          )
        ).rows.map((row) => row.rolname as string),
      );
    expect(await members()).toEqual([]);
    await expect(revealCredentials(requesterAccess, { ...project.ref, requestId })).rejects.toThrow(/no active grant/);

    // An admin who asks cannot approve their own request, though they hold the approver role.
    const selfAsking = await createRequest(await project.as(first), {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 10,
      reason: "Own request",
    });
    await expect(decideRequest(await project.as(first), { ...project.ref, requestId: selfAsking.requestId, decision: "APPROVE" })).rejects.toThrow(
      /your own request/,
    );
    await expect(decideRequest(requesterAccess, { ...project.ref, requestId, decision: "APPROVE" })).rejects.toThrow(/your own request/);
    // A Member who did not ask may not approve at all.
    const bystander = await project.memberWith("member", [{ role: "member" }]);
    await expect(decideRequest(await project.as(bystander), { ...project.ref, requestId, decision: "APPROVE" })).rejects.toThrow(ForbiddenError);

    expect(await decideRequest(await project.as(first), { ...project.ref, requestId, decision: "APPROVE", comment: "ok by me" })).toEqual({
      status: "PENDING",
      approvals: 1,
    });
    await expect(decideRequest(await project.as(first), { ...project.ref, requestId, decision: "APPROVE" })).rejects.toThrow(/already decided/);
    expect(await members()).toEqual([]);
    expect((await listRequests(await project.as(second), "to-approve")).items.map((item) => item.id)).toContain(requestId);
    expect((await listRequests(await project.as(first), "to-approve")).items.map((item) => item.id)).not.toContain(requestId);
    // The navigation's badge counts the same: one waits for the second approver, none for the first.
    expect(await countAwaitingMyDecision(await project.as(second))).toBeGreaterThanOrEqual(1);
    expect(await countAwaitingMyDecision(await project.as(first))).toBe((await listRequests(await project.as(first), "to-approve")).items.length);

    expect(await decideRequest(await project.as(second), { ...project.ref, requestId, decision: "APPROVE" })).toEqual({ status: "ACTIVE", approvals: 2 });
    const [loginRole] = await members();
    expect(loginRole).toMatch(/^tessera_[0-9a-f]{16}$/);

    // Only the requester sees the credentials, once.
    await expect(revealCredentials(await project.as(second), { ...project.ref, requestId })).rejects.toThrow(NotFoundError);
    const shown = await revealCredentials(requesterAccess, { ...project.ref, requestId });
    expect(shown.loginRole).toBe(loginRole);
    expect(shown.psqlCommand).toContain(`user=${loginRole}`);
    await expect(revealCredentials(requesterAccess, { ...project.ref, requestId })).rejects.toThrow(/shown once already/);
    expect((await getRequest(requesterAccess, { ...project.ref, requestId })).credentialsWaiting).toBe(false);
    await expectNowhereInDatabase(shown.password);

    // The password stops working at the grant's end even if no sweep ever ran.
    const validUntil = await superuser(
      async (client) => (await client.query(`SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1`, [loginRole])).rows[0].rolvaliduntil as Date,
    );
    expect(validUntil.getTime()).toBe(shown.expiresAt.getTime());

    const connection = await connectAs(shown);
    try {
      expect((await connection.query(`SELECT note FROM allowed_table`)).rows).toEqual([{ note: "readable through PAM" }]);
      await expect(connection.query(`SELECT note FROM other_table`)).rejects.toThrow(/permission denied/);
    } finally {
      await connection.end();
    }
    await revokeGrant(project.admin, { ...project.ref, requestId });
  });

  it("revoke now: a running pg_sleep(30) is terminated, the login is refused, no generated role is left", async () => {
    const project = await pamProject();
    const { requestId, credentials } = await activeGrant(project);
    const connection = await connectAs(credentials);
    const sleeping = connection.query(`SELECT pg_sleep(30)`).then(
      () => "finished",
      (error: Error) => error.message,
    );
    await expect
      .poll(
        () =>
          superuser(
            async (client) =>
              (await client.query(`SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND query LIKE '%pg_sleep%'`, [credentials.loginRole])).rowCount,
          ),
        { timeout: 5_000 },
      )
      .toBe(1);
    // Sampling sees the session while it runs.
    expect(await sampleGrantSessions()).toBeGreaterThanOrEqual(1);

    // A Member may not revoke; an Admin may.
    await expect(revokeGrant(await project.as(project.requester), { ...project.ref, requestId })).rejects.toThrow(ForbiddenError);
    const started = Date.now();
    expect(await revokeGrant(project.admin, { ...project.ref, requestId })).toEqual({ ended: true, problem: null });
    expect(await sleeping).toMatch(/terminat/i);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(await loginRefused(credentials)).toMatch(/does not exist|authentication failed/);
    expect(await roleExists(credentials.loginRole)).toBe(false);

    const view = await getRequest(project.admin, { ...project.ref, requestId });
    expect(view.status).toBe("REVOKED");
    expect(view.sessions).toHaveLength(1);
    expect(view.sessions[0]!.goneAt).not.toBeNull();
    const events = await db().auditEvent.findMany({ where: { targetId: requestId }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(events.map((event) => event.action)).toEqual([
      "pam.request-created",
      "pam.request-approved",
      "pam.grant-created",
      "pam.credentials-shown",
      "pam.grant-revoked",
    ]);
    expect(events.at(-1)!.actorId).toBe(project.admin.orgAccess.actor.userId);
    await expect(revokeGrant(project.admin, { ...project.ref, requestId })).rejects.toThrow(/not active/);
  }, 40_000);

  it("expiry: an overdue grant is ended by a fresh sweep (as after a restart); a member who left loses theirs too", async () => {
    const project = await pamProject();
    const { requestId, credentials } = await activeGrant(project, 5);
    // The grant's time passes while no sweep runs.
    await db()
      .$executeRaw`UPDATE pam_access_requests SET expires_at = now() - interval '1 second', granted_at = now() - interval '5 minutes' WHERE id = ${requestId}::uuid`;
    expect(await endDueGrants()).toBeGreaterThanOrEqual(1);
    expect((await getRequest(project.admin, { ...project.ref, requestId })).status).toBe("EXPIRED");
    expect(await loginRefused(credentials)).toMatch(/does not exist|authentication failed/);
    expect(await roleExists(credentials.loginRole)).toBe(false);
    expect(await db().auditEvent.findFirst({ where: { targetId: requestId, action: "pam.grant-expired" }, select: { actorId: true } })).toEqual({
      actorId: null,
    });

    const second = await activeGrant(project, 5);
    await db().projectMembership.deleteMany({ where: { projectId: project.project.id, userId: project.requester.id } });
    expect(await endDueGrants()).toBeGreaterThanOrEqual(1);
    expect((await getRequest(project.admin, { ...project.ref, requestId: second.requestId })).status).toBe("REVOKED");
    expect(await roleExists(second.credentials.loginRole)).toBe(false);
  });

  it("break-glass: refused for someone not listed and for a short reason; granted at once with a reason, loudly audited", async () => {
    const project = await pamProject({ breakGlass: true });
    const unlisted = project.approvers[0]!;
    const input = { ...project.ref, accountId: project.accountId, durationMinutes: 15, breakGlass: true };
    await expect(createRequest(await project.as(unlisted), { ...input, reason: "Production is down, need to look" })).rejects.toThrow(
      /not listed for break-glass/,
    );
    const short = await createRequest(await project.as(project.requester), { ...input, reason: "urgent" }).catch((error: unknown) => error);
    expect(short).toBeInstanceOf(ValidationError);
    expect((short as ValidationError).fieldErrors.reason?.[0]).toMatch(/at least 10 characters/);
    expect(await db().pamAccessRequest.count({ where: { projectId: project.project.id } })).toBe(0);

    const taken = await createRequest(await project.as(project.requester), { ...input, reason: "Production is down, need to look" });
    expect(taken.status).toBe("ACTIVE");
    const connection = await connectAs(taken.credentials!);
    expect((await connection.query(`SELECT count(*)::int AS n FROM allowed_table`)).rows).toEqual([{ n: 1 }]);
    await connection.end();
    const events = await db().auditEvent.findMany({
      where: { targetId: taken.requestId },
      orderBy: { createdAt: "asc" },
      select: { action: true, summary: true },
    });
    expect(events.map((event) => event.action)).toEqual(["pam.break-glass-used", "pam.grant-created"]);
    expect(events[0]!.summary).toMatch(/^BREAK-GLASS/);
    // Shown at once, so nothing is kept for later.
    expect(await db().pamAccessRequest.findUniqueOrThrow({ where: { id: taken.requestId }, select: { sealedPassword: true } })).toEqual({
      sealedPassword: null,
    });
    await revokeGrant(project.admin, { ...project.ref, requestId: taken.requestId });
  });

  it("the request dialog is offered the limit that applies: the strictest policy's when it is shorter than the account's", async () => {
    const project = await pamProject({ maxDurationMinutes: 30 });
    const [account] = await listAccounts(await project.as(project.requester));
    // The account allows 120 minutes; its policy 30.
    expect(account).toMatchObject({ maxDurationMinutes: 120, request: { maxMinutes: 30, policyName: "Orders needs approval" } });
    const tooLong = await createRequest(await project.as(project.requester), {
      ...project.ref,
      accountId: project.accountId,
      durationMinutes: 31,
      reason: "Routine check",
    }).catch((error: unknown) => error);
    expect((tooLong as ValidationError).fieldErrors.durationMinutes).toEqual(["At most 30 minutes for this account."]);
  });

  it("refuses what cannot work: no policy, too few possible approvers, a duration of 0 or over the maximum, a missing reason, a second open request", async () => {
    const project = await pamProject({ requiredApprovals: 3 });
    const requesterAccess = await project.as(project.requester);
    const base = { ...project.ref, accountId: project.accountId, reason: "Routine check" };
    // Three approvals needed, only two people besides the requester can give them (and the
    // creator of the org, also an Admin, makes three: take them out of the project).
    await db().projectMembership.deleteMany({ where: { projectId: project.project.id, userId: project.admin.orgAccess.actor.userId } });
    await expect(createRequest(requesterAccess, { ...base, durationMinutes: 10 })).rejects.toThrow(/needs 3 approvals, but only 2 people other than you/);
    await db().pamPolicy.deleteMany({ where: { projectId: project.project.id } });
    await expect(createRequest(requesterAccess, { ...base, durationMinutes: 10 })).rejects.toThrow(/No access policy covers/);

    const fresh = await pamProject({ maxDurationMinutes: 60 });
    const asker = await fresh.as(fresh.requester);
    const freshBase = { ...fresh.ref, accountId: fresh.accountId, reason: "Routine check" };
    await expect(createRequest(asker, { ...freshBase, durationMinutes: 0 })).rejects.toThrow(/At least one minute/);
    const tooLong = await createRequest(asker, { ...freshBase, durationMinutes: 61 }).catch((error: unknown) => error);
    expect((tooLong as ValidationError).fieldErrors.durationMinutes).toEqual(["At most 60 minutes for this account."]);
    const noReason = await createRequest(asker, { ...freshBase, reason: "", durationMinutes: 10 }).catch((error: unknown) => error);
    expect((noReason as ValidationError).fieldErrors.reason).toEqual(["Say why you need this account."]);
    // An admin shortens the account: new requests follow it; a Member may not edit it.
    await expect(updateAccount(asker, { ...fresh.ref, accountId: fresh.accountId, folderPath: "/", maxDurationMinutes: 5 })).rejects.toThrow(ForbiddenError);
    await updateAccount(fresh.admin, { ...fresh.ref, accountId: fresh.accountId, folderPath: "/orders/eu", maxDurationMinutes: 20, reasonRequired: true });
    const shortened = await createRequest(asker, { ...freshBase, durationMinutes: 21 }).catch((error: unknown) => error);
    expect((shortened as ValidationError).fieldErrors.durationMinutes).toEqual(["At most 20 minutes for this account."]);
    expect(await db().auditEvent.findFirst({ where: { action: "pam.account-updated", targetId: fresh.accountId }, select: { summary: true } })).toEqual({
      summary: "folder /orders → /orders/eu, longest access 120 → 20 min",
    });
    const { requestId } = await createRequest(asker, { ...freshBase, durationMinutes: 10 });
    await expect(createRequest(asker, { ...freshBase, durationMinutes: 10 })).rejects.toThrow(/already have an open request/);
    // Cancelling is the requester's alone; then they may ask again.
    await expect(cancelRequest(fresh.admin, { ...fresh.ref, requestId })).rejects.toThrow(NotFoundError);
    await cancelRequest(asker, { ...fresh.ref, requestId });
    await expect(decideRequest(await fresh.as(fresh.approvers[0]!), { ...fresh.ref, requestId, decision: "APPROVE" })).rejects.toThrow(/no longer waiting/);
    await createRequest(asker, { ...freshBase, durationMinutes: 10 });
  });

  it("bad resources and accounts: unreachable or wrong password saves nothing, a missing role is named, quotes and semicolons in names are only names", async () => {
    const project = await pamProject();
    const fields = {
      ...project.ref,
      name: "Elsewhere",
      host: target.host,
      port: target.port,
      database: target.database,
      tlsMode: "DISABLE" as const,
      brokerUser: target.brokerUser,
      brokerPassword: target.brokerPassword,
    };
    const before = await db().pamResource.count({ where: { projectId: project.project.id } });
    const refusals = await Promise.all([
      createResource(project.admin, { ...fields, port: 1 }).catch((error: unknown) => error),
      createResource(project.admin, { ...fields, brokerPassword: "wrong" }).catch((error: unknown) => error),
      createResource(project.admin, { ...fields, database: "no_such_database" }).catch((error: unknown) => error),
    ]);
    expect(refusals.map((error) => (error as ValidationError).fieldErrors)).toEqual([
      { host: ["Nothing answers at that host and port."] },
      { brokerPassword: ["The broker's user name or password is wrong."] },
      { database: ["That database does not exist on the server."] },
    ]);
    expect(await db().pamResource.count({ where: { projectId: project.project.id } })).toBe(before);

    const missing = await createAccount(project.admin, { ...project.ref, resourceId: project.resourceId, name: "no_such_role", maxDurationMinutes: 10 }).catch(
      (error: unknown) => error,
    );
    expect((missing as ValidationError).fieldErrors.name?.[0]).toMatch(/does not exist/);

    // A role whose name would end the statement if it were pasted into SQL.
    const odd = `odd"; DROP TABLE allowed_table; --${unique("")}`;
    await superuser((client) =>
      client.query(
        `CREATE ROLE ${pg.escapeIdentifier(odd)} NOLOGIN; GRANT SELECT ON allowed_table TO ${pg.escapeIdentifier(odd)}; GRANT ${pg.escapeIdentifier(odd)} TO ${pg.escapeIdentifier(target.brokerUser)} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE`,
      ),
    );
    try {
      const { accountId } = await createAccount(project.admin, {
        ...project.ref,
        resourceId: project.resourceId,
        name: odd,
        maxDurationMinutes: 10,
        reasonRequired: false,
      });
      const { requestId } = await createRequest(await project.as(project.requester), { ...project.ref, accountId, durationMinutes: 5 });
      await decideRequest(await project.as(project.approvers[0]!), { ...project.ref, requestId, decision: "APPROVE" });
      const credentials = await revealCredentials(await project.as(project.requester), { ...project.ref, requestId });
      const connection = await connectAs(credentials);
      expect((await connection.query(`SELECT count(*)::int AS n FROM allowed_table`)).rows).toEqual([{ n: 1 }]);
      await connection.end();
      await revokeGrant(project.admin, { ...project.ref, requestId });
      await deleteAccount(project.admin, { ...project.ref, accountId });
    } finally {
      await superuser((client) => client.query(`DROP OWNED BY ${pg.escapeIdentifier(odd)}; DROP ROLE ${pg.escapeIdentifier(odd)}`));
    }
  });

  it("test connection names what the broker lacks", async () => {
    const project = await pamProject();
    const weak = `weak_broker_${unique("").replace(/\W/g, "")}`.toLowerCase();
    const password = "weak-broker-password";
    await superuser((client) => client.query(`CREATE ROLE ${pg.escapeIdentifier(weak)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`));
    try {
      const { resourceId, problems } = await createResource(project.admin, {
        ...project.ref,
        name: "Weak",
        host: target.host,
        port: target.port,
        database: target.database,
        tlsMode: "DISABLE",
        brokerUser: weak,
        brokerPassword: password,
      });
      expect(problems).toEqual(["The broker lacks CREATEROLE, so it cannot make login roles.", "The broker cannot end sessions: grant it pg_signal_backend."]);
      const noAdmin = await createAccount(project.admin, { ...project.ref, resourceId, name: target.readonlyRole, maxDurationMinutes: 10 }).catch(
        (error: unknown) => error,
      );
      expect((noAdmin as ValidationError).fieldErrors.name?.[0]).toMatch(/no admin option/);
      expect(await testResourceConnection(project.admin, { ...project.ref, resourceId })).toEqual({ problems });
      expect(await testResourceConnection(project.admin, { ...project.ref, resourceId: project.resourceId })).toEqual({ problems: [] });
      await expect(testResourceConnection(await project.as(project.requester), { ...project.ref, resourceId })).rejects.toThrow(ForbiddenError);
      await deleteResource(project.admin, { ...project.ref, resourceId });
    } finally {
      await superuser((client) => client.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(weak)}`));
    }
  });

  it("the broker's password is stored sealed only; live grants hold back deletes; another project's and org's ids are not found", async () => {
    const project = await pamProject();
    await expectNowhereInDatabase(target.brokerPassword);
    const { requestId } = await activeGrant(project);
    await expect(deleteResource(project.admin, { ...project.ref, resourceId: project.resourceId })).rejects.toThrow(/active grant/);
    await expect(deleteAccount(project.admin, { ...project.ref, accountId: project.accountId })).rejects.toThrow(/active grant/);
    await expect(deleteProject(project.admin, { ...project.ref, confirmation: project.ref.projectSlug })).rejects.toThrow(RefusedError);
    await expect(deleteOrg(project.adminOrgAccess, { orgSlug: project.org.slug, confirmation: project.org.slug })).rejects.toThrow(/still active/);
    expect((await listGrants(project.admin)).active.map((grant) => grant.id)).toEqual([requestId]);

    // An Admin of another org, and of another PAM project of this org, guessing ids.
    const other = await pamProject();
    for (const call of [
      () => revokeGrant(other.admin, { ...other.ref, requestId }),
      () => getRequest(other.admin, { ...other.ref, requestId }),
      () => decideRequest(other.admin, { ...other.ref, requestId, decision: "REJECT" }),
      () => deleteResource(other.admin, { ...other.ref, resourceId: project.resourceId }),
      () => deleteAccount(other.admin, { ...other.ref, accountId: project.accountId }),
      () => createAccount(other.admin, { ...other.ref, resourceId: project.resourceId, name: target.writerRole, maxDurationMinutes: 5 }),
      () => createRequest(other.admin, { ...other.ref, accountId: project.accountId, durationMinutes: 5, reason: "guess" }),
    ]) {
      await expect(call()).rejects.toThrow(NotFoundError);
    }
    const sameOrg = await createUser();
    await addOrgMember(project.org.id, sameOrg.id, "member");
    const { project: secondProject } = {
      project: await db().project.create({ data: { orgId: project.org.id, name: "Second PAM", slug: unique("pam-"), type: "PAM" } }),
    };
    await addProjectMember(secondProject.id, sameOrg.id, [{ role: "admin" }]);
    const sameOrgAccess = await projectAccess(sameOrg, project.org.slug, secondProject.slug);
    await expect(revokeGrant(sameOrgAccess, { orgSlug: project.org.slug, projectSlug: secondProject.slug, requestId })).rejects.toThrow(NotFoundError);
    await revokeGrant(project.admin, { ...project.ref, requestId });
  });
});
