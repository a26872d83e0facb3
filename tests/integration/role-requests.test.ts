// Project role requests: asked for from inside a project or from All projects, approved by the
// people a policy names (their authority read when they decide), granted as an ordinary
// expiring project grant that the sweeps end, and mailed about over real SMTP.
import { describe, expect, it } from "vitest";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { recordExpiredGrants } from "@/lib/platform/project-members/grant-expiry";
import { removeProjectMember } from "@/lib/platform/project-members/remove-project-member";
import { requestProjectAccess, requestProjectRole } from "@/lib/platform/role-requests/create-request";
import { decideRoleRequest } from "@/lib/platform/role-requests/decide-request";
import { endMyRoleRequest } from "@/lib/platform/role-requests/end-grant";
import { getRoleRequest } from "@/lib/platform/role-requests/get-request";
import { listRoleRequests } from "@/lib/platform/role-requests/list-requests";
import { loadOrgPage } from "@/lib/platform/authz/org-access";
import type { SessionClaims } from "@/lib/platform/auth/authenticate";
import { createRolePolicy, updateRolePolicy } from "@/lib/platform/role-requests/policies";
import { requestOptions } from "@/lib/platform/role-requests/requestable-roles";
import { endExpiredRoleRequests } from "@/lib/platform/role-requests/sweep";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { callAction } from "../support/actions";
import { orgAccess, orgWithProject, projectAccess, unique } from "../support/factories";
import { withMailbox } from "../support/mailbox";

/** The Access requests badge the org layout shows the user: requests waiting for their decision. */
async function roleRequestBadge(user: { claims: SessionClaims }, orgSlug: string): Promise<number> {
  return (await loadOrgPage(user.claims, orgSlug)).roleRequestsAwaiting;
}

const mailsTo = withMailbox();

async function arrange() {
  const context = await orgWithProject();
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const as = (user: { claims: Parameters<typeof projectAccess>[0]["claims"] }) => projectAccess(user, context.org.slug, context.project.slug);
  const rolesOf = async (user: { claims: Parameters<typeof projectAccess>[0]["claims"] }) =>
    (await loadProjectAccess(user.claims, context.org.slug, context.project.slug)).access?.membership?.liveRoles ?? null;
  return { ...context, ref, as, rolesOf };
}

describe("role requests", () => {
  it("request → approvals → an expiring grant every check sees → ended by the sweeps, and the next request of the member is refused", async () => {
    const { org, project, admin, memberWith, ref, as, rolesOf } = await arrange();
    const [first, second] = [await memberWith("member", [{ role: "admin" }]), await memberWith("member", [{ role: "admin" }])];
    const admins = await as(admin);
    await createRolePolicy(admins, { ...ref, name: "Two eyes", roles: ["member"], requiredApprovals: 2, approverRole: "admin", maxDurationMinutes: 240 });
    const viewer = await memberWith("member", [{ role: "viewer" }]);
    const viewerAccess = await as(viewer);

    await expect(requestProjectRole(viewerAccess, { ...ref, role: "member", durationMinutes: 600, reason: "Incident #123" })).rejects.toMatchObject({
      fieldErrors: { durationMinutes: ["At most 4 hours for the Member role."] },
    });
    // With a policy, roles it does not list cannot be asked for.
    await expect(requestProjectRole(viewerAccess, { ...ref, role: "admin", durationMinutes: 60, reason: "Incident #123" })).rejects.toMatchObject({
      fieldErrors: { role: [expect.stringMatching(/the project's request policies do not list it/)] },
    });
    const { requestId, status } = await requestProjectRole(viewerAccess, { ...ref, role: "member", durationMinutes: 240, reason: "Incident #123" });
    expect(status).toBe("PENDING");
    // Every possible approver is told, with the reason and a link; the requester is not.
    for (const approver of [admin, first, second]) {
      await expect.poll(() => mailsTo(approver.email).length, { timeout: 10_000 }).toBe(1);
      expect(mailsTo(approver.email)[0]).toContain(`/orgs/${org.slug}/access-requests/${requestId}`);
      expect(mailsTo(approver.email)[0]).toContain('"Incident #123"');
    }
    expect(mailsTo(viewer.email)).toEqual([]);
    expect(await roleRequestBadge(first, org.slug)).toBe(1);
    expect((await listRoleRequests(await orgAccess(first, org.slug), "to-decide")).items.map((item) => item.id)).toEqual([requestId]);

    expect(await decideRoleRequest(await as(first), { ...ref, requestId, decision: "APPROVE" })).toEqual({ status: "PENDING", approvals: 1 });
    expect(await roleRequestBadge(first, org.slug)).toBe(0);
    expect(await rolesOf(viewer)).toEqual(["viewer"]);
    expect(await decideRoleRequest(await as(second), { ...ref, requestId, decision: "APPROVE", comment: "ok" })).toEqual({ status: "ACTIVE", approvals: 2 });
    expect((await rolesOf(viewer))?.sort()).toEqual(["member", "viewer"]);
    const grant = await db().projectRoleGrant.findFirstOrThrow({ where: { role: "member", membership: { userId: viewer.id, projectId: project.id } } });
    expect(grant.expiresAt!.getTime() - Date.now()).toBeGreaterThan(239 * 60_000);
    await expect.poll(() => mailsTo(viewer.email).length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo(viewer.email)[0]).toMatch(/Subject: Tessera: your request for Member in Project was approved/);
    await expect(decideRoleRequest(await as(admin), { ...ref, requestId, decision: "APPROVE" })).rejects.toThrow(
      /no longer waiting for approval: it is active/,
    );

    // Its time comes: access ends at that instant, then the sweeps write it down, once.
    await db().projectRoleGrant.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await rolesOf(viewer)).toEqual(["viewer"]);
    await Promise.all([endExpiredRoleRequests(), endExpiredRoleRequests(), recordExpiredGrants(), recordExpiredGrants()]);
    expect(await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } })).toEqual({ status: "ENDED" });
    expect(await db().auditEvent.count({ where: { projectId: project.id, action: "project-member.grant-expired", targetId: viewer.id } })).toBe(1);
    expect(await callAction("createSecretAction", viewer.claims, { ...ref, environment: "dev", path: "/", key: "AFTER", value: "x" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
  });

  it("a requested role whose grant is gone (the member removed from the project) ends at the next sweep", async () => {
    const { memberWith, ref, as, admin, project } = await arrange();
    const requester = await memberWith("member", [{ role: "viewer" }]);
    const { requestId } = await requestProjectRole(await as(requester), { ...ref, role: "member", durationMinutes: 60, reason: "On call" });
    await decideRoleRequest(await as(admin), { ...ref, requestId, decision: "APPROVE" });
    const status = async () => (await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } })).status;
    await endExpiredRoleRequests();
    expect(await status()).toBe("ACTIVE");
    const membership = await db().projectMembership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: requester.id } } });
    await removeProjectMember(await as(admin), { ...ref, membershipId: membership.id });
    await endExpiredRoleRequests();
    expect(await status()).toBe("ENDED");
  });

  it("self-approval is refused, an Admin's included, and for a second request by the same person", async () => {
    const { admin, ref, as, memberWith } = await arrange();
    const { slug } = await createRole(projectRoleScope(await as(admin)), {
      name: "Auditor",
      slug: "auditor",
      permissions: [{ subject: "project", actions: ["read"] }],
    });
    // The creator is the only Admin: a request needs someone other than them.
    await expect(requestProjectRole(await as(admin), { ...ref, role: slug, durationMinutes: 60, reason: "Audit" })).rejects.toThrow(
      /needs 1 approval for the Auditor role, but only 0 people other than you can approve it/,
    );
    const other = await memberWith("member", [{ role: "admin" }]);
    const { requestId } = await requestProjectRole(await as(admin), { ...ref, role: slug, durationMinutes: 60, reason: "Audit" });
    await expect(decideRoleRequest(await as(admin), { ...ref, requestId, decision: "APPROVE" })).rejects.toThrow(/cannot approve or reject your own request/);
    await expect(requestProjectRole(await as(admin), { ...ref, role: slug, durationMinutes: 60, reason: "Again" })).rejects.toThrow(
      /already have a request waiting in this project/,
    );
    await endMyRoleRequest(await orgAccess(admin, ref.orgSlug), { orgSlug: ref.orgSlug, requestId });
    const again = await requestProjectRole(await as(admin), { ...ref, role: slug, durationMinutes: 60, reason: "Again" });
    await expect(decideRoleRequest(await as(admin), { ...ref, requestId: again.requestId, decision: "APPROVE" })).rejects.toThrow(/your own request/);
    expect(await decideRoleRequest(await as(other), { ...ref, requestId: again.requestId, decision: "APPROVE" })).toMatchObject({ status: "ACTIVE" });
  });

  it("approvers are evaluated when they decide: one demoted in between cannot approve", async () => {
    const { memberWith, ref, as, admin } = await arrange();
    const named = await memberWith("member", [{ role: "admin" }]);
    const byRole = await memberWith("member", [{ role: "admin" }]);
    await createRolePolicy(await as(admin), {
      ...ref,
      name: "Named",
      roles: ["member"],
      requiredApprovals: 1,
      approverIds: [named.id],
      approverRole: "admin",
      maxDurationMinutes: 60,
    });
    const requester = await memberWith("member", [{ role: "viewer" }]);
    const { requestId } = await requestProjectRole(await as(requester), { ...ref, role: "member", durationMinutes: 60, reason: "Release" });
    const [namedAccess, byRoleAccess] = [await as(named), await as(byRole)];
    await db().projectRoleGrant.updateMany({ where: { membership: { userId: { in: [named.id, byRole.id] } } }, data: { role: "viewer" } });
    // The accesses loaded before the demotion are stale; the actions load them again.
    for (const approver of [named, byRole]) {
      expect(await callAction("decideRoleRequestAction", approver.claims, { ...ref, requestId, decision: "APPROVE" })).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/does not allow this/),
      });
    }
    expect(namedAccess.can("role-request:approve") && byRoleAccess.can("role-request:approve")).toBe(true);
    expect(await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } })).toEqual({ status: "PENDING" });
  });

  it("a policy naming a group: its members approve (with the project's permission to), others are not approvers", async () => {
    const { org, memberWith, ref, as, admin } = await arrange();
    const inGroup = await memberWith("member", [{ role: "admin" }]);
    const outside = await memberWith("member", [{ role: "admin" }]);
    const group = await db().group.create({ data: { orgId: org.id, name: "Security", slug: unique("security-") }, select: { id: true } });
    const membership = await db().orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: inGroup.id } }, select: { id: true } });
    await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: membership.id, userId: inGroup.id } });
    await createRolePolicy(await as(admin), {
      ...ref,
      name: "Security approves",
      roles: ["member"],
      requiredApprovals: 1,
      approverGroupIds: [group.id],
      maxDurationMinutes: 60,
    });
    const requester = await memberWith("member", [{ role: "viewer" }]);
    const { requestId } = await requestProjectRole(await as(requester), { ...ref, role: "member", durationMinutes: 60, reason: "Fix the build" });
    await expect(decideRoleRequest(await as(outside), { ...ref, requestId, decision: "APPROVE" })).rejects.toThrow(/not one of this request's approvers/);
    expect(await roleRequestBadge(outside, org.slug)).toBe(0);
    expect(await roleRequestBadge(inGroup, org.slug)).toBe(1);
    expect(await decideRoleRequest(await as(inGroup), { ...ref, requestId, decision: "APPROVE" })).toMatchObject({ status: "ACTIVE" });
  });

  it("a role above what an approver could grant cannot be approved by them (the boundary rule)", async () => {
    const { memberWith, ref, as, admin, rolesOf } = await arrange();
    const { slug } = await createRole(projectRoleScope(await as(admin)), {
      name: "Approver",
      slug: "approver",
      permissions: [
        { subject: "role-request", actions: ["approve"] },
        { subject: "project", actions: ["read"] },
        { subject: "member", actions: ["read"] },
        { subject: "role", actions: ["read"] },
      ],
    });
    const approver = await memberWith("member", [{ role: "viewer" }]);
    await db().projectRoleGrant.create({
      data: { role: slug, membership: { connect: { projectId_userId: { projectId: (await as(admin)).project.id, userId: approver.id } } } },
    });
    await createRolePolicy(await as(admin), {
      ...ref,
      name: "Any",
      roles: ["admin", "viewer"],
      requiredApprovals: 1,
      approverIds: [approver.id],
      approverRole: "admin",
      maxDurationMinutes: 60,
    });
    const requester = await memberWith("member", []);
    const requesterOrg = await orgAccess(requester, ref.orgSlug);
    const toAdmin = await requestProjectAccess(requesterOrg, { ...ref, role: "admin", durationMinutes: 60, reason: "Take over" });
    await expect(decideRoleRequest(await as(approver), { ...ref, requestId: toAdmin.requestId, decision: "APPROVE" })).rejects.toThrow(
      /cannot approve the Admin role: it allows more than you hold here/,
    );
    // A rejection hands nothing out; an approval of a role within their own holding goes through.
    expect(await decideRoleRequest(await as(approver), { ...ref, requestId: toAdmin.requestId, decision: "REJECT", comment: "No" })).toMatchObject({
      status: "REJECTED",
    });
    await expect.poll(() => mailsTo(requester.email).length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo(requester.email)[0]).toMatch(/was rejected/);
    const toViewer = await requestProjectAccess(requesterOrg, { ...ref, role: "viewer", durationMinutes: 60, reason: "Read the docs" });
    expect(await decideRoleRequest(await as(approver), { ...ref, requestId: toViewer.requestId, decision: "APPROVE" })).toMatchObject({ status: "ACTIVE" });
    expect(await rolesOf(requester)).toEqual(["viewer"]);
  });

  it("from All projects: someone outside asks, an Admin approves, they get in; the Admin or they end it early; another org cannot touch it", async () => {
    const { org, memberWith, ref, as, admin, rolesOf } = await arrange();
    const outsider = await memberWith("member", []);
    const outsiderOrg = await orgAccess(outsider, org.slug);
    const options = await requestOptions(outsiderOrg, ref);
    // No policy: the default lets any role be asked for, up to 7 days, one Admin approving.
    expect(options.roles.map((role) => [role.slug, role.maxDurationMinutes])).toEqual([
      ["admin", 10080],
      ["member", 10080],
      ["viewer", 10080],
      ["no-access", 10080],
    ]);
    const noAccess = await memberWith("no-access", []);
    expect(await callAction("requestProjectAccessAction", noAccess.claims, { ...ref, role: "viewer", durationMinutes: 60, reason: "x" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    const deputy = await memberWith("admin", []);
    const { requestId } = await requestProjectAccess(outsiderOrg, { ...ref, role: "viewer", durationMinutes: 60, reason: "Read the runbook" });
    // Asked from All projects, the org's Admins hear of it too; one outside the project sees it, and is told to gain access to decide.
    await expect.poll(() => mailsTo(deputy.email).length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo(deputy.email)[0]).toContain(`/orgs/${org.slug}/access-requests/${requestId}`);
    expect(await getRoleRequest(await orgAccess(deputy, org.slug), { orgSlug: org.slug, requestId })).toMatchObject({ seenAsOverseer: true, canDecide: false });
    expect((await requestOptions(outsiderOrg, ref)).pendingRequestId).toBe(requestId);
    expect(await rolesOf(outsider)).toBeNull();

    const other = await orgWithProject();
    const otherRef = { orgSlug: other.org.slug, projectSlug: other.project.slug };
    await expect(
      decideRoleRequest(await projectAccess(other.admin, other.org.slug, other.project.slug), { ...otherRef, requestId, decision: "APPROVE" }),
    ).rejects.toThrow(/Not found/);
    await expect(endMyRoleRequest(other.adminOrgAccess, { orgSlug: other.org.slug, requestId })).rejects.toThrow(/Not found/);
    await expect(getRoleRequest(other.adminOrgAccess, { orgSlug: other.org.slug, requestId })).rejects.toThrow(/Not found/);
    // Someone of the org who neither asked nor approves does not see it.
    await expect(getRoleRequest(await orgAccess(await memberWith("member", []), org.slug), { orgSlug: org.slug, requestId })).rejects.toThrow(/Not found/);

    const detail = await getRoleRequest(await orgAccess(admin, org.slug), { orgSlug: org.slug, requestId });
    expect(detail).toMatchObject({ canDecide: true, canEnd: false, mine: false, roleName: "Viewer", status: "PENDING" });
    expect(await callAction("decideRoleRequestAction", admin.claims, { ...ref, requestId, decision: "APPROVE" })).toMatchObject({ ok: true });
    expect(await rolesOf(outsider)).toEqual(["viewer"]);
    // Decided, it stays listed for the project's approvers, and the requester's own list has it; nobody else's.
    expect((await listRoleRequests(await orgAccess(admin, org.slug), "approvable")).items.map((item) => [item.id, item.status])).toEqual([
      [requestId, "ACTIVE"],
    ]);
    expect((await listRoleRequests(outsiderOrg, "mine")).items.map((item) => item.id)).toEqual([requestId]);
    expect((await listRoleRequests(outsiderOrg, "approvable")).total).toBe(0);
    expect(await getRoleRequest(outsiderOrg, { orgSlug: org.slug, requestId })).toMatchObject({ mine: true, canEnd: true, status: "ACTIVE" });

    expect(await callAction("endRoleGrantAction", admin.claims, { ...ref, requestId })).toMatchObject({ ok: true });
    expect(await rolesOf(outsider)).toEqual([]);
    expect(await db().roleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, endedById: true } })).toEqual({
      status: "ENDED",
      endedById: admin.id,
    });
    await expect(endMyRoleRequest(outsiderOrg, { orgSlug: org.slug, requestId })).rejects.toThrow(/Only an active role can be ended/);

    // Asked again, approved, and given back by the requester.
    const again = await requestProjectAccess(outsiderOrg, { ...ref, role: "viewer", durationMinutes: 60, reason: "Once more" });
    await decideRoleRequest(await as(admin), { ...ref, requestId: again.requestId, decision: "APPROVE" });
    expect(await rolesOf(outsider)).toEqual(["viewer"]);
    await endMyRoleRequest(outsiderOrg, { orgSlug: org.slug, requestId: again.requestId });
    expect(await rolesOf(outsider)).toEqual([]);
    // Ended early counts as recorded: the expiry sweep does not write it down again.
    await recordExpiredGrants();
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "project-member.grant-expired", targetId: outsider.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { orgId: org.id, action: "role-request.ended" } })).toBe(2);
  });

  it("break-glass: listed people take the role at once with a reason and every approver is told; the writer cannot list themselves", async () => {
    const { memberWith, ref, as, admin, rolesOf } = await arrange();
    const onCall = await memberWith("member", [{ role: "viewer" }]);
    await expect(
      createRolePolicy(await as(admin), {
        ...ref,
        name: "Glass",
        roles: ["member"],
        requiredApprovals: 1,
        approverRole: "admin",
        maxDurationMinutes: 60,
        breakGlassIds: [admin.id],
      }),
    ).rejects.toMatchObject({ fieldErrors: { breakGlassIds: [expect.stringMatching(/cannot name yourself for break-glass/)] } });
    await createRolePolicy(await as(admin), {
      ...ref,
      name: "Glass",
      roles: ["member"],
      requiredApprovals: 1,
      approverRole: "admin",
      maxDurationMinutes: 60,
      breakGlassIds: [onCall.id],
    });
    const input = { ...ref, role: "member", durationMinutes: 30, breakGlass: true };
    await expect(requestProjectRole(await as(onCall), { ...input, reason: "down" })).rejects.toMatchObject({
      fieldErrors: { reason: [expect.stringMatching(/at least 10 characters/)] },
    });
    expect(await requestProjectRole(await as(onCall), { ...input, reason: "Production is down, paging" })).toMatchObject({ status: "ACTIVE" });
    expect((await rolesOf(onCall))?.sort()).toEqual(["member", "viewer"]);
    await expect.poll(() => mailsTo(admin.email).length, { timeout: 10_000 }).toBe(1);
    expect(mailsTo(admin.email)[0]).toMatch(/Subject: Break-glass access: .* took Member in Project/);
    const outsider = await memberWith("member", [{ role: "viewer" }]);
    await expect(requestProjectRole(await as(outsider), { ...input, reason: "Production is down, paging" })).rejects.toThrow(/not listed for break-glass/);
  });

  it("a policy names only what exists, and only roles its writer could hand out", async () => {
    const { memberWith, ref, as, admin, project } = await arrange();
    const base = { ...ref, name: "P", roles: ["viewer"], requiredApprovals: 1, approverRole: "admin", maxDurationMinutes: 60 };
    await expect(createRolePolicy(await as(admin), { ...base, roles: ["ghost"] })).rejects.toMatchObject({
      fieldErrors: { roles: ['There is no role "ghost" in this project.'] },
    });
    await expect(createRolePolicy(await as(admin), { ...base, approverRole: "ghost" })).rejects.toMatchObject({
      fieldErrors: { approverRole: ["Pick a role of this project."] },
    });
    await expect(createRolePolicy(await as(admin), { ...base, approverGroupIds: [project.id] })).rejects.toMatchObject({
      fieldErrors: { approverGroupIds: ["Pick groups of this organization."] },
    });
    await expect(createRolePolicy(await as(admin), { ...base, requiredApprovals: 3 })).rejects.toMatchObject({
      fieldErrors: { requiredApprovals: [expect.stringMatching(/The Viewer role would follow this policy and need 3 approvals, but only 1/)] },
    });
    const { slug } = await createRole(projectRoleScope(await as(admin)), {
      name: "Policy writer",
      slug: "policy-writer",
      permissions: [
        { subject: "role-policy", actions: ["create", "edit"] },
        { subject: "project", actions: ["read"] },
      ],
    });
    const writer = await memberWith("member", [{ role: "viewer" }]);
    await db().projectRoleGrant.create({ data: { role: slug, membership: { connect: { projectId_userId: { projectId: project.id, userId: writer.id } } } } });
    await expect(createRolePolicy(await as(writer), { ...base, roles: ["admin"] })).rejects.toMatchObject({
      fieldErrors: { roles: [expect.stringMatching(/cannot give or take away the Admin role/)] },
    });
    const { policyId } = await createRolePolicy(await as(admin), base);
    await updateRolePolicy(await as(admin), { ...base, policyId });
    expect(await db().auditEvent.count({ where: { projectId: project.id, action: "role-policy.updated" } })).toBe(0);
  });
});
