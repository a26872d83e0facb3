import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink, previewInviteLink, signUpWithLink } from "@/lib/platform/invite-links/join-with-link";
import { listInviteLinks, revokeInviteLink } from "@/lib/platform/invite-links/manage-invite-links";
import type { CreateInviteLinkInput } from "@/lib/platform/invite-links/schemas";
import { seatReport } from "@/lib/platform/org-members/seat-report";
import { addOrgMember, createUser, orgAccess, orgWithProject, projectAccess, TEST_PASSWORD, unique } from "../support/factories";

async function linkFor(overrides: Partial<CreateInviteLinkInput> = {}) {
  const context = await orgWithProject();
  await db().organization.update({ where: { id: context.org.id }, data: { seatLimit: 100 } });
  const link = await createInviteLink(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Onboarding", role: "member", ...overrides });
  return { ...context, link };
}

describe("invite links", () => {
  it("keep only a hash of the token, and opening one uses nothing", async () => {
    const { link } = await linkFor();
    const rows = await db().$queryRaw<Array<{ dump: string }>>`SELECT row_to_json(l)::text AS dump FROM invite_links l`;
    expect(rows.some((row) => row.dump.includes(link.token))).toBe(false);
    expect(await previewInviteLink(link.token)).toMatchObject({ usable: true, roleLabel: "Member" });
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ useCount: 0 });
  });

  it("join with the roles fixed on the server, project roles included, and record who joined", async () => {
    const { org, project, adminOrgAccess, link } = await linkFor({ role: "no-access" });
    const projectLink = await createInviteLink(adminOrgAccess, {
      orgSlug: org.slug,
      name: "Project team",
      role: "no-access",
      projectRoles: [{ projectId: project.id, role: "viewer" }],
    });
    const joiner = await createUser({ name: "Joiner" });
    expect(await joinWithLink(joiner.actor, { token: projectLink.token })).toEqual({ orgSlug: org.slug });
    expect((await orgAccess(joiner, org.slug)).role).toBe("no-access");
    expect((await projectAccess(joiner, org.slug, project.slug)).membership?.liveRoles).toEqual(["viewer"]);
    const [listed] = (await listInviteLinks(adminOrgAccess)).filter((summary) => summary.id === projectLink.id);
    expect(listed).toMatchObject({
      useCount: 1,
      projectRoles: [{ projectName: "Project", roleLabel: "Viewer" }],
      recentUses: [{ name: "Joiner", email: joiner.email }],
    });
    expect(link.id).not.toBe(projectLink.id);
  });

  it("hold max uses when 20 people join at the same instant", async () => {
    const { org, link } = await linkFor({ maxUses: 5 });
    const joiners = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    const results = await Promise.allSettled(joiners.map((joiner) => joinWithLink(joiner.actor, { token: link.token })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(RefusedError);
    }
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ useCount: 5 });
    expect(await db().inviteLinkUse.count({ where: { inviteLinkId: link.id } })).toBe(5);
    expect(await db().orgMembership.count({ where: { orgId: org.id } })).toBe(6);
    expect(await previewInviteLink(link.token)).toMatchObject({ usable: false });
  });

  it("let only the allowed email domain in, compared exactly and normalised", async () => {
    const domain = `${unique("corp")}.example`;
    const { org, link } = await linkFor({ allowedDomain: `@${domain.toUpperCase()}` });
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ allowedDomain: domain });
    for (const email of [`eve@evil${domain}`, `eve@sub.${domain}`, `eve@${domain}.attacker.com`]) {
      const outsider = await createUser({ email });
      await expect(joinWithLink(outsider.actor, { token: link.token })).rejects.toThrow(`only for @${domain}`);
    }
    await expect(signUpWithLink({ token: link.token, name: "Eve", email: `eve2@other.example`, password: TEST_PASSWORD })).rejects.toMatchObject({
      fieldErrors: { email: [`This link is only for @${domain} email addresses.`] },
    });
    expect(await db().user.count({ where: { email: "eve2@other.example" } })).toBe(0);
    const insider = await createUser({ email: `Ann＠${domain.toUpperCase()}` });
    await joinWithLink(insider.actor, { token: link.token });
    expect(await db().orgMembership.count({ where: { orgId: org.id } })).toBe(2);
  });

  it("refuse bad settings at the field that caused them", async () => {
    const { org, adminOrgAccess } = await linkFor();
    const base = { orgSlug: org.slug, name: "Bad", role: "member" as const };
    await expect(createInviteLink(adminOrgAccess, { ...base, maxUses: "0" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["maxUses"] })],
    });
    await expect(createInviteLink(adminOrgAccess, { ...base, allowedDomain: "not a domain" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["allowedDomain"], message: "Enter a domain like example.com" })],
    });
    await expect(createInviteLink(adminOrgAccess, { ...base, name: "  " })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["name"] })] });
  });

  it("hold the role ceiling: someone who may create links but is no Admin cannot make an Admin link", async () => {
    const { org, memberWith } = await orgWithProject();
    const creator = await memberWith("member", []);
    const access = await orgAccess(creator, org.slug);
    const canCreate = { ...access, can: (permission: string) => permission === "invite-link:create" || access.can(permission as never) };
    await expect(createInviteLink(canCreate, { orgSlug: org.slug, name: "Escalate", role: "admin" })).rejects.toBeInstanceOf(ValidationError);
    expect(await db().inviteLink.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("make a link for a role that manages others only when the admin confirmed it", async () => {
    const { org, adminOrgAccess } = await orgWithProject();
    await expect(createInviteLink(adminOrgAccess, { orgSlug: org.slug, name: "Admins", role: "admin" })).rejects.toMatchObject({
      fieldErrors: { confirmHighPrivilege: [expect.stringContaining("Tick the box")] },
    });
    expect(await db().inviteLink.count({ where: { orgId: org.id } })).toBe(0);
    await createInviteLink(adminOrgAccess, { orgSlug: org.slug, name: "Admins", role: "admin", confirmHighPrivilege: true });
    expect(await db().inviteLink.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("are revocable by any admin, and a revoked or expired link lets nobody in", async () => {
    const { org, link, adminOrgAccess } = await linkFor();
    const secondAdmin = await createUser();
    await addOrgMember(org.id, secondAdmin.id, "admin");
    await revokeInviteLink(await orgAccess(secondAdmin, org.slug), { orgSlug: org.slug, inviteLinkId: link.id });
    const joiner = await createUser();
    await expect(joinWithLink(joiner.actor, { token: link.token })).rejects.toThrow(/no longer valid/);

    const expiring = await createInviteLink(adminOrgAccess, { orgSlug: org.slug, name: "Short", role: "member" });
    await db().inviteLink.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(joinWithLink(joiner.actor, { token: expiring.token })).rejects.toThrow(/no longer valid/);
    const newcomerEmail = `${unique("late")}@example.com`;
    await expect(signUpWithLink({ token: expiring.token, name: "Late", email: newcomerEmail, password: TEST_PASSWORD })).rejects.toThrow(/no longer valid/);
    expect(await db().user.count({ where: { email: newcomerEmail } })).toBe(0);
    expect(await db().orgMembership.count({ where: { orgId: org.id, userId: joiner.id } })).toBe(0);
  });

  it("cannot be revoked from another org by guessing the id", async () => {
    const { link } = await linkFor();
    const attacker = await orgWithProject();
    await expect(revokeInviteLink(attacker.adminOrgAccess, { orgSlug: attacker.org.slug, inviteLinkId: link.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ revokedAt: null });
  });

  it("let an existing member through without using the link up", async () => {
    const { org, admin, link } = await linkFor({ maxUses: 1 });
    expect(await joinWithLink(admin.actor, { token: link.token })).toEqual({ orgSlug: org.slug });
    expect(await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ useCount: 0 });
  });

  it("sign a newcomer up and in, or create nothing when no seat is free and tell the admins", async () => {
    const { org, link, adminOrgAccess, memberWith } = await linkFor();
    const email = `${unique("fresh")}@example.com`;
    expect(await signUpWithLink({ token: link.token, name: "Fresh", email, password: TEST_PASSWORD })).toEqual({ email, orgSlug: org.slug, checkInbox: false });
    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 2 } });
    const refusedEmail = `${unique("nope")}@example.com`;
    await expect(signUpWithLink({ token: link.token, name: "Nope", email: refusedEmail, password: TEST_PASSWORD })).rejects.toThrow(/no free seats/);
    expect(await db().user.count({ where: { email: refusedEmail } })).toBe(0);
    expect(await db().auditEvent.findMany({ where: { orgId: org.id, action: "member.join-refused-no-seat" } })).toMatchObject([
      { targetType: "invite-link", targetId: link.id, metadata: { email: refusedEmail } },
    ]);
    expect((await seatReport(adminOrgAccess)).refusals).toMatchObject({ count: 1, latest: [{ email: refusedEmail }] });
    // Members who cannot bring people in are not shown the notice.
    await db().organization.update({ where: { id: org.id }, data: { seatLimit: 3 } });
    const plainMember = await memberWith("member", []);
    expect((await seatReport(await orgAccess(plainMember, org.slug))).refusals).toEqual({ count: 0, latest: [] });
  });
});
