import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import { projectRoleRules } from "@/lib/platform/authz/built-in-roles";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { addProjectMembers } from "@/lib/platform/project-members/add-project-member";
import { ADDABLE_MEMBERS_SHOWN, findAddableMembers } from "@/lib/platform/project-members/addable-members";
import { changeProjectMemberRoles } from "@/lib/platform/project-members/change-project-member-roles";
import { listProjectMembers } from "@/lib/platform/project-members/list-project-members";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import type { ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { leaveProject, removeProjectMember } from "@/lib/platform/project-members/remove-project-member";
import { addOrgMember, createUser, orgWithProject, projectAccess, unique } from "../support/factories";

const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000);

async function setup() {
  const context = await orgWithProject();
  const { admin, org, project } = context;
  const ref = { orgSlug: org.slug, projectSlug: project.slug };
  const adminAccess = await projectAccess(admin, org.slug, project.slug);
  return { ...context, ref, adminAccess };
}

async function membershipOf(projectId: string, userId: string) {
  return db().projectMembership.findUniqueOrThrow({
    where: { projectId_userId: { projectId, userId } },
    select: { id: true, grants: { select: { role: true, expiresAt: true }, orderBy: { role: "asc" } } },
  });
}

describe("addProjectMembers", () => {
  it("adds several org members at once with a permanent and an expiring role, each audited", async () => {
    const { org, project, ref, adminAccess } = await setup();
    const newcomer = await createUser({ name: "Newcomer" });
    const second = await createUser({ name: "Second" });
    await addOrgMember(org.id, newcomer.id, "no-access");
    await addOrgMember(org.id, second.id, "member");
    const expiresAt = inAnHour();
    expect(
      await addProjectMembers(adminAccess, { ...ref, userIds: [newcomer.id, second.id], grants: [{ role: "viewer" }, { role: "member", expiresAt }] }),
    ).toEqual({ added: 2 });
    const { rows } = (await listProjectMembers(adminAccess)).people;
    for (const user of [newcomer, second]) {
      expect(rows.find((row) => row.userId === user.id)?.grants).toEqual([
        { role: "member", expiresAt },
        { role: "viewer", expiresAt: null },
      ]);
      expect(await db().auditEvent.count({ where: { action: "project-member.added", targetId: user.id } })).toBe(1);
    }
    const access = await projectAccess(newcomer, org.slug, project.slug);
    expect(access.can("secret:read-value", { environment: "dev", secretPath: "/" })).toBe(true);
  });

  it("adds nobody when one of the chosen is not in the org (another org's user id) or already in the project", async () => {
    const { org, project, ref, adminAccess, memberWith } = await setup();
    const existing = await memberWith("member", [{ role: "viewer" }]);
    const fresh = await createUser();
    await addOrgMember(org.id, fresh.id, "member");
    const stranger = await createUser();
    const other = await orgWithProject();
    await addOrgMember(other.org.id, stranger.id, "member");

    await expect(addProjectMembers(adminAccess, { ...ref, userIds: [fresh.id, stranger.id], grants: [{ role: "viewer" }] })).rejects.toMatchObject({
      fieldErrors: { userIds: [expect.stringMatching(/no longer a member of this organization/)] },
    });
    await expect(addProjectMembers(adminAccess, { ...ref, userIds: [fresh.id, existing.id], grants: [{ role: "viewer" }] })).rejects.toMatchObject({
      fieldErrors: { userIds: [`Already in this project: ${existing.name}. Change their roles instead.`] },
    });
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: { in: [fresh.id, stranger.id] } } })).toBe(0);
  });

  it("refuses a past expiry, an empty role list and nobody chosen at their fields", async () => {
    const { org, ref, adminAccess } = await setup();
    const fresh = await createUser();
    await addOrgMember(org.id, fresh.id, "member");
    await expect(
      addProjectMembers(adminAccess, { ...ref, userIds: [fresh.id], grants: [{ role: "viewer", expiresAt: new Date(Date.now() - 1000) }] }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "Choose a time in the future" })] });
    await expect(addProjectMembers(adminAccess, { ...ref, userIds: [fresh.id], grants: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: "Choose at least one role" })],
    });
    await expect(addProjectMembers(adminAccess, { ...ref, userIds: [], grants: [{ role: "viewer" }] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: "Choose at least one person" })],
    });
  });

  it("refuses project Members, who may not add anyone nor search for whom to add", async () => {
    const { org, project, ref, memberWith } = await setup();
    const member = await memberWith("member", [{ role: "member" }]);
    const target = await createUser();
    await addOrgMember(org.id, target.id, "member");
    const access = await projectAccess(member, org.slug, project.slug);
    await expect(addProjectMembers(access, { ...ref, userIds: [target.id], grants: [{ role: "viewer" }] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(findAddableMembers(access, { ...ref, q: "" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: target.id } })).toBe(0);
  });

  it("enforces the boundary: nobody grants a role with more than they hold", async () => {
    const { org, project, ref, memberWith } = await setup();
    // A member who may add people but otherwise holds only Viewer's permissions.
    const recruiter = await memberWith("member", [{ role: "viewer" }]);
    const viewer = buildAbility(projectRoleRules("viewer", "SECRET_MANAGER"));
    const base = await projectAccess(recruiter, org.slug, project.slug);
    const access = { ...base, can: (permission: string) => permission === "member:add" || viewer.can(permission) };
    const target = await createUser();
    await addOrgMember(org.id, target.id, "member");

    for (const [role, name] of [
      ["admin", "Admin"],
      ["member", "Member"],
    ] as const) {
      const attempt = addProjectMembers(access, { ...ref, userIds: [target.id], grants: [{ role }] });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { grants: [expect.stringMatching(`cannot give or take away the ${name} role`)] } });
    }
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: target.id } })).toBe(0);
    await addProjectMembers(access, { ...ref, userIds: [target.id], grants: [{ role: "viewer" }] });
    expect((await membershipOf(project.id, target.id)).grants).toEqual([{ role: "viewer", expiresAt: null }]);
  });
});

describe("findAddableMembers", () => {
  it("searches the org's members by name or email, marks those already in the project, and never shows another org's people", async () => {
    const { org, ref, adminAccess, memberWith } = await setup();
    const tag = unique("zebra");
    const inProject = await memberWith("member", [{ role: "viewer" }]);
    await db().user.update({ where: { id: inProject.id }, data: { name: `${tag} Inside` } });
    const outside = await createUser({ name: `${tag} Outside` });
    await addOrgMember(org.id, outside.id, "member");
    const byEmail = await createUser({ name: "Mail Only", email: `${tag}-mail@example.com` });
    await addOrgMember(org.id, byEmail.id, "member");
    const other = await orgWithProject();
    const foreign = await createUser({ name: `${tag} Foreign` });
    await addOrgMember(other.org.id, foreign.id, "member");

    const found = await findAddableMembers(adminAccess, { ...ref, q: tag.toUpperCase() });
    // By name: "Mail Only" sorts before the "zebra…" names in any collation.
    expect(found.map(({ userId, inProject }) => ({ userId, inProject }))).toEqual([
      { userId: byEmail.id, inProject: false },
      { userId: inProject.id, inProject: true },
      { userId: outside.id, inProject: false },
    ]);
    expect(found.some((row) => row.userId === foreign.id)).toBe(false);
    // A search is a pattern only for what the person typed: % and _ match themselves.
    expect(await findAddableMembers(adminAccess, { ...ref, q: "%" })).toEqual([]);
    expect(found.length).toBeLessThanOrEqual(ADDABLE_MEMBERS_SHOWN);
  });
});

describe("changeProjectMemberRoles", () => {
  it("replaces a member's roles in one go", async () => {
    const { project, ref, adminAccess, memberWith } = await setup();
    const member = await memberWith("member", [{ role: "viewer" }]);
    const { id } = await membershipOf(project.id, member.id);
    await changeProjectMemberRoles(adminAccess, { ...ref, membershipId: id, grants: [{ role: "member" }] });
    expect((await membershipOf(project.id, member.id)).grants).toEqual([{ role: "member", expiresAt: null }]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "project-member.roles-changed", targetId: member.id } });
    expect(event.metadata).toMatchObject({ before: [{ role: "viewer" }], after: [{ role: "member" }] });
  });

  it("never demotes the last Admin, and changes nothing when it refuses", async () => {
    const { admin, project, ref, adminAccess } = await setup();
    const { id } = await membershipOf(project.id, admin.id);
    const attempt = changeProjectMemberRoles(adminAccess, { ...ref, membershipId: id, grants: [{ role: "viewer" }] });
    await expect(attempt).rejects.toBeInstanceOf(RefusedError);
    expect((await membershipOf(project.id, admin.id)).grants).toEqual([{ role: "admin", expiresAt: null }]);
  });

  it("lets only one of two Admins demoting each other at the same instant succeed", async () => {
    // Several projects at once, so that the two transactions of each pair really overlap.
    async function race() {
      const { admin, org, project, ref, adminAccess, memberWith } = await setup();
      const second = await memberWith("member", [{ role: "admin" }]);
      const secondAccess = await projectAccess(second, org.slug, project.slug);
      const firstMembership = await membershipOf(project.id, admin.id);
      const secondMembership = await membershipOf(project.id, second.id);
      const results = await Promise.allSettled([
        changeProjectMemberRoles(adminAccess, { ...ref, membershipId: secondMembership.id, grants: [{ role: "viewer" }] }),
        changeProjectMemberRoles(secondAccess, { ...ref, membershipId: firstMembership.id, grants: [{ role: "viewer" }] }),
      ]);
      const admins = await db().projectRoleGrant.count({ where: { role: "admin", membership: { projectId: project.id } } });
      return { succeeded: results.filter((result) => result.status === "fulfilled").length, admins };
    }
    const outcomes = await Promise.all(Array.from({ length: 6 }, race));
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => ({ succeeded: 1, admins: 1 })));
  });

  it("finds nothing when another org's admin guesses a membership id", async () => {
    const victim = await setup();
    const member = await victim.memberWith("member", [{ role: "viewer" }]);
    const { id } = await membershipOf(victim.project.id, member.id);
    const attacker = await setup();
    const attempt = changeProjectMemberRoles(attacker.adminAccess, { ...attacker.ref, membershipId: id, grants: [{ role: "admin" }] });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    const removal = removeProjectMember(attacker.adminAccess, { ...attacker.ref, membershipId: id });
    await expect(removal).rejects.toBeInstanceOf(NotFoundError);
    expect((await membershipOf(victim.project.id, member.id)).grants).toEqual([{ role: "viewer", expiresAt: null }]);
  });
});

describe("removing and leaving", () => {
  it("an Admin removes a member; their access ends on the next request", async () => {
    const { org, project, ref, adminAccess, memberWith } = await setup();
    const member = await memberWith("member", [{ role: "member" }]);
    const { id } = await membershipOf(project.id, member.id);
    await removeProjectMember(adminAccess, { ...ref, membershipId: id });
    const { loadProjectAccess } = await import("@/lib/platform/authz/project-access");
    expect((await loadProjectAccess(member.claims, org.slug, project.slug)).access).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "project-member.removed", targetId: member.id } })).toBe(1);
  });

  it("a Viewer cannot remove anyone", async () => {
    const { org, project, ref, memberWith } = await setup();
    const viewer = await memberWith("member", [{ role: "viewer" }]);
    const other = await memberWith("member", [{ role: "viewer" }]);
    const { id } = await membershipOf(project.id, other.id);
    const access = await projectAccess(viewer, org.slug, project.slug);
    await expect(removeProjectMember(access, { ...ref, membershipId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().projectMembership.count({ where: { id } })).toBe(1);
  });

  it("the last Admin cannot leave; a member can", async () => {
    const { admin, org, project, adminAccess, memberWith } = await setup();
    await expect(leaveProject(adminAccess)).rejects.toBeInstanceOf(RefusedError);
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: admin.id } })).toBe(1);

    const member = await memberWith("member", [{ role: "member" }]);
    await leaveProject(await projectAccess(member, org.slug, project.slug));
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: member.id } })).toBe(0);
  });

  it("an Admin may leave once another Admin remains", async () => {
    const { admin, org, project, adminAccess, memberWith } = await setup();
    await memberWith("member", [{ role: "admin" }]);
    await leaveProject(adminAccess);
    expect(await db().projectMembership.count({ where: { projectId: project.id, userId: admin.id } })).toBe(0);
    expect(org.slug).toBeTruthy();
  });
});

describe("listProjectMembers", () => {
  it("pages and searches people by name or email (wildcards taken literally), apart from identities, and says who is the sole Admin", async () => {
    const { org, project, adminAccess, memberWith } = await setup();
    const zed = await memberWith("member", [{ role: "viewer" }]);
    await db().user.update({ where: { id: zed.id }, data: { name: "Zed 100%_Quux" } });
    const page = await listProjectMembers(adminAccess);
    expect(page.people.total).toBe(2);
    expect(page.people.rows.map((row) => row.userId)).toContain(zed.id);
    expect(page.identities).toEqual({ rows: [], total: 0 });
    expect((await listProjectMembers(adminAccess, { q: "100%_q" })).people.rows.map((row) => row.userId)).toEqual([zed.id]);
    expect((await listProjectMembers(adminAccess, { q: "%" })).people.rows.map((row) => row.userId)).toEqual([zed.id]);
    expect((await listProjectMembers(adminAccess, { q: "nobody-like-this" })).people).toEqual({ rows: [], total: 0 });
    expect((await listProjectMembers(adminAccess, { page: 2 })).people).toEqual({ rows: [], total: 2 });

    // Sole Admin: the only live Admin (never a non-Admin), no longer once another holds it.
    expect(page.soleAdmin).toBe(true);
    expect((await listProjectMembers(await projectAccess(zed, org.slug, project.slug))).soleAdmin).toBe(false);
    await memberWith("member", [{ role: "admin" }]);
    expect((await listProjectMembers(adminAccess)).soleAdmin).toBe(false);
  });

  it("needs member:read", async () => {
    const { org, project, adminAccess, memberWith } = await setup();
    const { slug } = await createRole(projectRoleScope(adminAccess), {
      name: "Secrets only",
      slug: "secrets-only",
      permissions: [{ subject: "secret", actions: ["describe"] }],
    });
    const reader = await memberWith("member", [{ role: slug as ProjectRoleSlug }]);
    await expect(listProjectMembers(await projectAccess(reader, org.slug, project.slug))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
