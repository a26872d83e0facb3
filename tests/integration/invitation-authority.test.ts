import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { RefusedError } from "@/lib/platform/errors";
import { acceptInvitation, previewInvitation, signUpWithInvitation } from "@/lib/platform/invitations/accept-invitation";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink, previewInviteLink } from "@/lib/platform/invite-links/join-with-link";
import { listPendingInvitations } from "@/lib/platform/invitations/manage-invitations";
import { listInviteLinks } from "@/lib/platform/invite-links/manage-invite-links";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { offersAtRisk } from "@/lib/platform/org-members/offers-at-risk";
import { removeOrgMember } from "@/lib/platform/org-members/remove-org-member";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, TEST_PASSWORD, unique } from "../support/factories";

/** An org with two Admins: `founder`, and `creator`, who makes offers and is then demoted or removed. */
async function orgWithSecondAdmin() {
  const context = await orgWithProject();
  await db().organization.update({ where: { id: context.org.id }, data: { seatLimit: 100 } });
  const creator = await createUser({ name: "Creator" });
  const creatorMembership = await addOrgMember(context.org.id, creator.id, "admin");
  await addProjectMember(context.project.id, creator.id, [{ role: "admin" }]);
  const creatorAccess = await orgAccess(creator, context.org.slug);
  return { ...context, creator, creatorMembership, creatorAccess };
}

async function refusals(orgId: string) {
  return db().auditEvent.findMany({ where: { orgId, action: "member.join-refused-creator-lapsed" }, select: { metadata: true, targetType: true } });
}

describe("invitations and links carry their creator's authority only while the creator holds it", () => {
  it("an Admin invitation and an Admin link made by an Admin who is then demoted make nobody an Admin", async () => {
    const context = await orgWithSecondAdmin();
    const invitee = await createUser();
    const [invitation] = await createInvitations(context.creatorAccess, {
      orgSlug: context.org.slug,
      emails: invitee.email,
      role: "admin",
      confirmHighPrivilege: true,
    });
    const link = await createInviteLink(context.creatorAccess, {
      orgSlug: context.org.slug,
      name: "Admins",
      role: "admin",
      confirmHighPrivilege: true,
      expiresInDays: 30,
    });
    await changeOrgMemberRole(context.adminOrgAccess, { orgSlug: context.org.slug, membershipId: context.creatorMembership.id, role: "member" });

    expect(await previewInvitation(invitation!.token)).toMatchObject({ status: "pending", creatorLapsed: true });
    expect(await previewInviteLink(link.token)).toMatchObject({ usable: false, creatorLapsed: true });
    const joiner = await createUser();
    for (const attempt of [() => acceptInvitation(invitee.actor, { token: invitation!.token }), () => joinWithLink(joiner.actor, { token: link.token })]) {
      const refusal = attempt();
      await expect(refusal).rejects.toBeInstanceOf(RefusedError);
      await expect(refusal).rejects.toThrow(/no longer has the authority to grant what it offers/);
    }
    expect(await db().orgMembership.count({ where: { orgId: context.org.id, userId: { in: [invitee.id, joiner.id] } } })).toBe(0);
    expect(await db().invitation.findUniqueOrThrow({ where: { id: invitation!.id } })).toMatchObject({ acceptedAt: null });
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ useCount: 0 });
    const events = await refusals(context.org.id);
    expect(events.map((event) => [event.targetType, (event.metadata as { reason: string }).reason]).sort()).toEqual([
      ["invitation", "creator-may-not-invite"],
      ["invite-link", "creator-may-not-invite"],
    ]);
  });

  it("a Member invitation is good while its creator remains, and dies once they are removed", async () => {
    const context = await orgWithSecondAdmin();
    const first = await createUser();
    const second = await createUser();
    const invitations = await createInvitations(context.creatorAccess, { orgSlug: context.org.slug, emails: [first.email, second.email], role: "member" });
    await acceptInvitation(first.actor, { token: invitations[0]!.token });
    await removeOrgMember(context.adminOrgAccess, { orgSlug: context.org.slug, membershipId: context.creatorMembership.id });
    await expect(acceptInvitation(second.actor, { token: invitations[1]!.token })).rejects.toThrow(/no longer has the authority/);
    expect(await db().orgMembership.count({ where: { orgId: context.org.id, userId: second.id } })).toBe(0);
    expect((await refusals(context.org.id)).map((event) => (event.metadata as { reason: string }).reason)).toEqual(["creator-not-member"]);
  });

  it("re-checks each offered project role: losing the project's Admin role voids an offer of it", async () => {
    const context = await orgWithSecondAdmin();
    const offer = { orgSlug: context.org.slug, role: "member", projectRoles: [{ projectId: context.project.id, role: "admin" }] };
    const link = await createInviteLink(context.creatorAccess, { ...offer, name: "Project admins" });
    const newcomerEmail = `${unique("newcomer")}@example.com`;
    const [invitation] = await createInvitations(context.creatorAccess, { ...offer, emails: newcomerEmail });
    const { id: projectMembershipId } = await db().projectMembership.findFirstOrThrow({ where: { userId: context.creator.id, projectId: context.project.id } });
    await db().projectRoleGrant.updateMany({ where: { projectMembershipId }, data: { role: "viewer" } });

    await expect(joinWithLink((await createUser()).actor, { token: link.token })).rejects.toThrow(/no longer has the authority/);
    // A newcomer signing up through the invitation gets no account either: all or nothing.
    await expect(signUpWithInvitation({ token: invitation!.token, name: "New", password: TEST_PASSWORD })).rejects.toThrow(/no longer has the authority/);
    expect(await db().user.count({ where: { email: newcomerEmail } })).toBe(0);
    expect((await refusals(context.org.id)).map((event) => (event.metadata as { reason: string }).reason)).toEqual([
      "role-beyond-creator",
      "role-beyond-creator",
    ]);
  });

  it("offers still made good by a creator who keeps their authority are unaffected", async () => {
    const context = await orgWithSecondAdmin();
    const link = await createInviteLink(context.creatorAccess, {
      orgSlug: context.org.slug,
      name: "Team",
      role: "admin",
      projectRoles: [{ projectId: context.project.id, role: "admin" }],
      confirmHighPrivilege: true,
    });
    const joiner = await createUser();
    await joinWithLink(joiner.actor, { token: link.token });
    expect((await orgAccess(joiner, context.org.slug)).role).toBe("admin");
    expect(await refusals(context.org.id)).toEqual([]);
  });

  it("a creator whose account was deleted leaves offers nobody can use", async () => {
    const context = await orgWithSecondAdmin();
    const link = await createInviteLink(context.creatorAccess, { orgSlug: context.org.slug, name: "Orphan", role: "member" });
    await db().inviteLink.update({ where: { id: link.id }, data: { createdById: null } });
    await expect(joinWithLink((await createUser()).actor, { token: link.token })).rejects.toThrow(/no longer has the authority/);
    expect((await refusals(context.org.id)).map((event) => (event.metadata as { reason: string }).reason)).toEqual(["creator-gone"]);
  });

  it("the confirmations count what a demotion or removal would void, and the invitations tab marks what already lapsed", async () => {
    const context = await orgWithSecondAdmin();
    const ref = { orgSlug: context.org.slug, membershipId: context.creatorMembership.id };
    await createInvitations(context.creatorAccess, {
      orgSlug: context.org.slug,
      emails: [`${unique("a")}@example.com`],
      role: "admin",
      confirmHighPrivilege: true,
    });
    await createInvitations(context.creatorAccess, { orgSlug: context.org.slug, emails: [`${unique("m")}@example.com`], role: "member" });
    await createInviteLink(context.creatorAccess, { orgSlug: context.org.slug, name: "Admins", role: "admin", confirmHighPrivilege: true });
    await createInviteLink(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Someone else's", role: "admin", confirmHighPrivilege: true });

    expect(await offersAtRisk(context.adminOrgAccess, ref)).toEqual({ invitations: 2, links: 1 });
    // Member may not invite at all: everything they made dies. Admin → Admin voids nothing.
    expect(await offersAtRisk(context.adminOrgAccess, { ...ref, role: "member" })).toEqual({ invitations: 2, links: 1 });
    expect(await offersAtRisk(context.adminOrgAccess, { ...ref, role: "admin" })).toEqual({ invitations: 0, links: 0 });
    const member = await createUser();
    await addOrgMember(context.org.id, member.id, "member");
    await expect(offersAtRisk(await orgAccess(member, context.org.slug), ref)).rejects.toThrow(/member:remove/);
    // Another org's admin guessing the membership id finds nothing.
    const other = await orgWithProject();
    await expect(offersAtRisk(other.adminOrgAccess, { ...ref, orgSlug: other.org.slug })).rejects.toThrow(/No such member/);

    expect((await listPendingInvitations(context.adminOrgAccess)).map((row) => row.creatorLapsed)).toEqual([false, false]);
    await changeOrgMemberRole(context.adminOrgAccess, { ...ref, role: "member" });
    expect((await listPendingInvitations(context.adminOrgAccess)).map((row) => row.creatorLapsed)).toEqual([true, true]);
    expect((await listInviteLinks(context.adminOrgAccess)).map((row) => [row.name, row.creatorLapsed])).toEqual([
      ["Someone else's", false],
      ["Admins", true],
    ]);
  });
});
