import { describe, expect, it } from "vitest";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { acceptInvitation, previewInvitation, signUpWithInvitation } from "@/lib/platform/invitations/accept-invitation";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { resendInvitation, revokeInvitation } from "@/lib/platform/invitations/manage-invitations";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, projectAccess, TEST_PASSWORD, unique } from "../support/factories";

async function invite(email: string, role: "admin" | "member" | "no-access" = "member") {
  const context = await orgWithProject();
  const [created] = await createInvitations(context.adminOrgAccess, { orgSlug: context.org.slug, emails: email, role });
  return { ...context, invitation: created! };
}

describe("creating invitations", () => {
  it("keeps only a hash of the token: the emailed token appears nowhere in the database", async () => {
    const { invitation } = await invite(`${unique("hash")}@example.com`);
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().$queryRaw<Array<{ dump: string }>>`SELECT row_to_json(i)::text AS dump FROM invitations i`;
    expect(rows.some((row) => row.dump.includes(invitation.token))).toBe(false);
    const events = await db().$queryRaw<Array<{ dump: string }>>`SELECT row_to_json(e)::text AS dump FROM audit_events e`;
    expect(events.some((row) => row.dump.includes(invitation.token))).toBe(false);
  });

  it("names existing members and pending invitees instead of duplicating, and writes nothing", async () => {
    const { org, adminOrgAccess, admin } = await invite("pending@example.com");
    const before = await db().invitation.count({ where: { orgId: org.id } });
    await expect(createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: `new@example.com, ${admin.email}`, role: "member" })).rejects.toMatchObject({
      fieldErrors: { emails: [`Already members: ${admin.email}. Remove them from the list.`] },
    });
    await expect(createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: "PENDING@example.com", role: "member" })).rejects.toMatchObject({
      fieldErrors: { emails: [expect.stringMatching(/Already invited: pending@example.com/)] },
    });
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(before);
  });

  it("refuses a member without member:invite", async () => {
    const { org, memberWith } = await orgWithProject();
    const member = await memberWith("member", []);
    const { access } = await loadOrgAccess(member.claims, org.slug);
    await expect(createInvitations(access!, { orgSlug: org.slug, emails: "x@example.com", role: "member" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("holds the role ceiling: someone who may invite but is no Admin cannot invite an Admin", async () => {
    const { org, memberWith } = await orgWithProject();
    const inviter = await memberWith("member", []);
    const { access } = await loadOrgAccess(inviter.claims, org.slug);
    const canInvite = { ...access!, can: (permission: string) => permission === "member:invite" || access!.can(permission as never) };
    await expect(createInvitations(canInvite, { orgSlug: org.slug, emails: "boss@example.com", role: "admin" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db().invitation.count({ where: { orgId: org.id, email: "boss@example.com" } })).toBe(0);
    await createInvitations(canInvite, { orgSlug: org.slug, emails: "peer@example.com", role: "member" });
  });

  it("hands out a role that manages others only when the admin confirmed it, and says why at the field", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    await expect(createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: "boss@example.com", role: "admin" })).rejects.toMatchObject({
      fieldErrors: {
        confirmHighPrivilege: [
          expect.stringMatching(/^Admin can manage more than their own work \(.*Members: invite, change roles and remove.*Billing: edit billing details/),
        ],
      },
    });
    expect(await db().invitation.count({ where: { orgId: org.id, email: "boss@example.com" } })).toBe(0);
    await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: "boss@example.com", role: "admin", confirmHighPrivilege: true });
    await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: "peer@example.com", role: "member" });
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(2);
  });
});

describe("accepting", () => {
  it("opening the link never consumes it; accepting joins with the invited role, once", async () => {
    const invitee = await createUser();
    const { org, invitation } = await invite(invitee.email, "no-access");
    expect(await previewInvitation(invitation.token)).toMatchObject({ status: "pending", email: invitee.email, roleLabel: "No access", accountExists: true });
    expect(await previewInvitation(invitation.token)).toMatchObject({ status: "pending" });
    await acceptInvitation(invitee.actor, { token: invitation.token });
    expect((await loadOrgAccess(invitee.claims, org.slug)).access?.role).toBe("no-access");
    await expect(acceptInvitation(invitee.actor, { token: invitation.token })).rejects.toBeInstanceOf(RefusedError);
    expect(await previewInvitation(invitation.token)).toMatchObject({ status: "accepted" });
  });

  it("is bound to the invited email, normalised: a full-width @ is the same address, a Cyrillic а is not", async () => {
    const local = unique("alice");
    const alice = await createUser({ email: `${local}@x.com` });
    const { invitation } = await invite(`${local.toUpperCase()}＠x.com`);
    const impostor = await createUser({ email: `${local.replace("a", "\u0430")}@x.com` });
    await expect(acceptInvitation(impostor.actor, { token: invitation.token })).rejects.toThrow(`This invitation is for ${local}@x.com`);
    await acceptInvitation(alice.actor, { token: invitation.token });
  });

  it("refuses expired and revoked invitations with one clear message", async () => {
    const invitee = await createUser();
    const { org, adminOrgAccess, invitation } = await invite(invitee.email);
    await db().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(invitee.actor, { token: invitation.token })).rejects.toThrow(/no longer valid/);

    const other = await createUser();
    const [second] = await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: other.email, role: "member" });
    await revokeInvitation(adminOrgAccess, { orgSlug: org.slug, invitationId: second!.id });
    await expect(acceptInvitation(other.actor, { token: second!.token })).rejects.toThrow(/no longer valid/);
    expect((await loadOrgAccess(other.claims, org.slug)).access).toBeNull();
  });

  it("resending mints a new token and kills the old one", async () => {
    const invitee = await createUser();
    const { org, adminOrgAccess, invitation } = await invite(invitee.email);
    const resent = await resendInvitation(adminOrgAccess, { orgSlug: org.slug, invitationId: invitation.id });
    expect(resent.token).not.toBe(invitation.token);
    await expect(acceptInvitation(invitee.actor, { token: invitation.token })).rejects.toThrow(/no longer valid/);
    await acceptInvitation(invitee.actor, { token: resent.token });
  });

  it("a newcomer signs up with the invited email and joins in one step", async () => {
    const email = `${unique("newcomer")}@example.com`;
    const { org, invitation } = await invite(email);
    const result = await signUpWithInvitation({ token: invitation.token, name: "Newcomer", password: TEST_PASSWORD });
    expect(result).toEqual({ email, orgSlug: org.slug });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().orgMembership.count({ where: { orgId: org.id, userId: user.id } })).toBe(1);
  });

  it("never fills more seats than the plan has, even when everyone accepts at once", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 3 } });
    const invitees = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const created = await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: invitees.map((user) => user.email), role: "member" });
    const tokenFor = new Map(created.map((invitation) => [invitation.email, invitation.token]));
    const results = await Promise.allSettled(invitees.map((user) => acceptInvitation(user.actor, { token: tokenFor.get(user.email)! })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason.message).toMatch(/no free seats/);
    }
    expect(await db().orgMembership.count({ where: { orgId: org.id } })).toBe(3);
  });

  it("an admin of another org cannot revoke or resend this org's invitations", async () => {
    const { invitation } = await invite(`${unique("victim")}@example.com`);
    const attacker = await orgWithProject();
    const ref = { orgSlug: attacker.org.slug, invitationId: invitation.id };
    await expect(revokeInvitation(attacker.adminOrgAccess, ref)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendInvitation(attacker.adminOrgAccess, ref)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ revokedAt: null });
  });
});

describe("project roles in invitations", () => {
  it("grants the org role and the project roles together on accept, and the mail-free preview names them", async () => {
    const { org, project, adminOrgAccess } = await orgWithProject();
    const invitee = await createUser();
    const [invitation] = await createInvitations(adminOrgAccess, {
      orgSlug: org.slug,
      emails: invitee.email,
      role: "no-access",
      projectRoles: [{ projectId: project.id, role: "viewer" }],
    });
    expect(invitation!.projectRoles).toEqual([{ projectName: "Project", role: "viewer", roleName: "Viewer" }]);
    expect(await previewInvitation(invitation!.token)).toMatchObject({ projectRoles: [{ projectName: "Project", roleLabel: "Viewer" }] });
    await acceptInvitation(invitee.actor, { token: invitation!.token });
    const access = await projectAccess(invitee, org.slug, project.slug);
    expect(access.membership?.liveRoles).toEqual(["viewer"]);
    expect(access.can("secret:describe")).toBe(true);
    expect(access.can("secret:read-value")).toBe(false);
  });

  it("grants nothing at all when the join is refused for want of a seat, and tells the admins", async () => {
    const { org, project, adminOrgAccess } = await orgWithProject();
    const invitee = await createUser();
    const [invitation] = await createInvitations(adminOrgAccess, {
      orgSlug: org.slug,
      emails: invitee.email,
      role: "member",
      projectRoles: [{ projectId: project.id, role: "member" }],
    });
    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 1 } });
    await expect(acceptInvitation(invitee.actor, { token: invitation!.token })).rejects.toThrow(/no free seats/);
    expect(await db().orgMembership.count({ where: { orgId: org.id, userId: invitee.id } })).toBe(0);
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: invitee.id } })).toBe(0);
    expect(await db().invitation.findUniqueOrThrow({ where: { id: invitation!.id } })).toMatchObject({ acceptedAt: null });
    const refusals = await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.join-refused-no-seat" } });
    expect(refusals).toMatchObject([{ targetType: "invitation", targetId: invitation!.id, metadata: { email: invitee.email } }]);
  });

  it("offers project roles only where the inviter may add members and holds the role", async () => {
    const { org, project, adminOrgAccess } = await orgWithProject();
    // An org admin who is not in a project cannot hand out roles in it.
    const otherAdmin = await createUser();
    await addOrgMember(org.id, otherAdmin.id, "admin");
    const offer = { orgSlug: org.slug, emails: `${unique("x")}@example.com`, role: "member" as const };
    await expect(
      createInvitations(await orgAccess(otherAdmin, org.slug), { ...offer, projectRoles: [{ projectId: project.id, role: "viewer" }] }),
    ).rejects.toMatchObject({ fieldErrors: { projectRoles: [expect.stringMatching(/projects where you may add members/)] } });
    // A project Member (no member:add) cannot either.
    await addProjectMember(project.id, otherAdmin.id, [{ role: "member" }]);
    await expect(
      createInvitations(await orgAccess(otherAdmin, org.slug), { ...offer, projectRoles: [{ projectId: project.id, role: "viewer" }] }),
    ).rejects.toBeInstanceOf(ValidationError);
    // Another org's project, guessed by id, is refused the same way.
    const elsewhere = await orgWithProject();
    await expect(createInvitations(adminOrgAccess, { ...offer, projectRoles: [{ projectId: elsewhere.project.id, role: "viewer" }] })).rejects.toMatchObject({
      fieldErrors: { projectRoles: [expect.any(String)] },
    });
    expect(await db().invitation.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a project deleted before the invitation is accepted simply drops out", async () => {
    const { org, project, adminOrgAccess } = await orgWithProject();
    const invitee = await createUser();
    const [invitation] = await createInvitations(adminOrgAccess, {
      orgSlug: org.slug,
      emails: invitee.email,
      role: "member",
      projectRoles: [{ projectId: project.id, role: "viewer" }],
    });
    await db().project.delete({ where: { id: project.id } });
    await acceptInvitation(invitee.actor, { token: invitation!.token });
    expect((await orgAccess(invitee, org.slug)).role).toBe("member");
  });
});
