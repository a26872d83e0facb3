// Groups: a member holds the union of their own grants and their groups' grants, on every
// request; the boundary rule and the last-Admin rules hold through groups.
import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import { BUILT_IN_PROJECT_ROLES, orgRoleRules, projectRoleRules, type ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { listPermissions, ORG_SUBJECTS, projectSubjects } from "@/lib/platform/authz/catalogue";
import { loadOrgAccess, type OrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { createGroup } from "@/lib/platform/groups/create-group";
import { deleteGroup } from "@/lib/platform/groups/delete-group";
import { addGroupMembers, removeGroupMember } from "@/lib/platform/groups/group-members";
import { removeGroupFromProject, setGroupProjectRoles } from "@/lib/platform/groups/group-project-roles";
import { listGroups } from "@/lib/platform/groups/list-groups";
import { getGroup } from "@/lib/platform/groups/get-group";
import { listProjectMembers } from "@/lib/platform/project-members/list-project-members";
import { updateGroup } from "@/lib/platform/groups/update-group";
import { changeProjectMemberRoles } from "@/lib/platform/project-members/change-project-member-roles";
import { removeOrgMember } from "@/lib/platform/org-members/remove-org-member";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { getMemberAccess } from "@/lib/platform/org-members/member-access";
import { createRole } from "@/lib/platform/roles/save-role";
import { orgRoleScope, projectRoleScope } from "@/lib/platform/roles/scope";
import { holderCounts, listRoleHolders } from "@/lib/platform/roles/list-roles";
import { listProjects } from "@/lib/platform/projects/list-projects";
import { callAction } from "../support/actions";
import { commitWhileOtherWaits } from "../support/lock-race";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, projectAccess, unique } from "../support/factories";

/** An org on a plan with room for groups, its project, and a group made by its Admin. */
async function orgWithGroup() {
  const context = await orgWithProject();
  await db().organization.update({ where: { id: context.org.id }, data: { plan: "ENTERPRISE" } });
  const adminAccess = await orgAccess(context.admin, context.org.slug);
  const group = await createGroup(adminAccess, { orgSlug: context.org.slug, name: "Backend", slug: unique("backend-") });
  const adminProject = await projectAccess(context.admin, context.org.slug, context.project.slug);
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  return { ...context, adminAccess, adminProject, group, ref, groupRef: { orgSlug: context.org.slug, groupId: group.groupId } };
}

async function personIn(orgId: string, role: "no-access" | "admin" = "no-access") {
  const user = await createUser();
  const membership = await addOrgMember(orgId, user.id, role);
  return { ...user, membership };
}

describe("a role held only through a group", () => {
  it.each(Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[])(
    "project %s through a group allows exactly what the role allows, and nothing once they leave the group",
    async (role) => {
      const context = await orgWithGroup();
      const person = await personIn(context.org.id);
      await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role }] });
      await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [person.id] });

      const { access } = await loadProjectAccess(person.claims, context.org.slug, context.project.slug);
      expect(access?.membership).toMatchObject({ id: null, liveRoles: [role] });
      expect(access?.membership?.grants[0]?.group?.name).toBe("Backend");
      const expected = buildAbility(projectRoleRules(role, "SECRET_MANAGER"));
      for (const permission of listPermissions(projectSubjects("SECRET_MANAGER"))) {
        const resource = permission.startsWith("secret:") ? { environment: "dev", secretPath: "/" } : undefined;
        expect(access!.can(permission, resource), permission).toBe(expected.can(permission, resource));
      }
      // The project is theirs in the switcher's list and the projects page.
      const projects = await listProjects(await orgAccess(person, context.org.slug), { scope: "mine" });
      expect(projects.items.map((project) => project.id)).toEqual([context.project.id]);
      expect(projects.items[0]!.myRoles[0]).toMatchObject({ group: "Backend" });

      // Taken out of the group: the very next load no longer finds the project at all.
      await removeGroupMember(context.adminAccess, { ...context.groupRef, userId: person.id });
      expect((await loadProjectAccess(person.claims, context.org.slug, context.project.slug)).access).toBeNull();
    },
  );

  it("a real action: allowed through the group, denied by the same role's limits, not found from another org", async () => {
    const context = await orgWithGroup();
    const person = await personIn(context.org.id);
    await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "member" }] });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [person.id] });
    const created = await callAction("createSecretAction", person.claims, { ...context.ref, environment: "dev", path: "/", key: "THROUGH_GROUP", value: "v" });
    expect(created).toMatchObject({ ok: true });
    // Member cannot change roles: denied, as for someone holding Member themselves.
    const founder = await db().projectMembership.findFirstOrThrow({ where: { projectId: context.project.id, userId: context.admin.actor.userId } });
    expect(
      await callAction("changeProjectMemberRolesAction", person.claims, { ...context.ref, membershipId: founder.id, grants: [{ role: "viewer" }] }),
    ).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    // An Admin of another org guessing the group's id finds nothing, and changes nothing.
    const other = await orgWithGroup();
    const guessed = { orgSlug: other.org.slug, groupId: context.group.groupId };
    for (const [name, input] of [
      ["addGroupMembersAction", { ...guessed, userIds: [other.admin.id] }],
      ["removeGroupMemberAction", { ...guessed, userId: person.id }],
      ["deleteGroupAction", guessed],
      ["updateGroupAction", { ...guessed, name: "Stolen", description: "", orgRole: "admin" }],
      ["setGroupProjectRolesAction", { ...other.ref, groupId: context.group.groupId, grants: [{ role: "admin" }] }],
    ] as const) {
      expect(await callAction(name, other.admin.claims, input), name).toEqual({
        ok: false,
        formError: expect.stringMatching(/^Not found|No such group/),
      });
    }
    expect(await db().groupMember.count({ where: { groupId: context.group.groupId } })).toBe(1);
    expect(await db().group.findUniqueOrThrow({ where: { id: context.group.groupId } })).toMatchObject({ name: "Backend", orgRole: null });
    expect(await db().groupProjectRole.count({ where: { groupId: context.group.groupId } })).toBe(1);
  });

  it("an org role through a group adds to the member's own, and stops with the membership", async () => {
    const context = await orgWithGroup();
    const person = await personIn(context.org.id);
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "member" });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [person.id] });
    const { access } = await loadOrgAccess(person.claims, context.org.slug);
    expect(access?.role).toBe("no-access");
    expect(access?.groupRoles).toEqual([expect.objectContaining({ group: "Backend", role: "member", roleName: "Member" })]);
    const member = buildAbility(orgRoleRules("member"));
    for (const permission of listPermissions(ORG_SUBJECTS)) expect(access!.can(permission as never), permission).toBe(member.can(permission));
    await removeGroupMember(context.adminAccess, { ...context.groupRef, userId: person.id });
    const after = (await loadOrgAccess(person.claims, context.org.slug)).access!;
    expect(after.can("member:read")).toBe(false);
  });
});

describe("the boundary rule through groups", () => {
  it("whoever manages groups but is not an Admin cannot put anyone in, or take anyone out of, a group holding org Admin", async () => {
    const context = await orgWithGroup();
    const role = await createRole(orgRoleScope(context.adminAccess), {
      name: "Group keeper",
      slug: unique("keeper-"),
      permissions: [
        { subject: "group", actions: ["read", "manage-members"] },
        { subject: "member", actions: ["read"] },
      ],
    });
    const keeper = await createUser();
    await db().orgMembership.create({ data: { orgId: context.org.id, userId: keeper.id, role: role.slug } });
    const keeperAccess = await orgAccess(keeper, context.org.slug);
    const person = await personIn(context.org.id);
    // An ordinary group: fine.
    await addGroupMembers(keeperAccess, { ...context.groupRef, userIds: [person.id] });
    // A group holding org Admin: neither in (not even themselves) nor out.
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "admin" });
    await expect(addGroupMembers(keeperAccess, { ...context.groupRef, userIds: [keeper.id] })).rejects.toBeInstanceOf(ValidationError);
    await expect(removeGroupMember(keeperAccess, { ...context.groupRef, userId: person.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await db().groupMember.count({ where: { groupId: context.group.groupId } })).toBe(1);
    // Nor can they give a group an org role at all: that needs group:edit.
    await expect(updateGroup(keeperAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "no-access" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("a project Admin cannot give a group a project role that allows more than they hold, nor add a group holding org Admin to anyone", async () => {
    const context = await orgWithGroup();
    const projectAdmin = await context.memberWith("member", [{ role: "admin" }]);
    const projectAdminAccess = await projectAccess(projectAdmin, context.org.slug, context.project.slug);
    // The org Admin's group gets org Admin; the project Admin may give it project roles they hold (it
    // gives nobody new any org role), but cannot make themselves a member of it.
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "admin" });
    await setGroupProjectRoles(projectAdminAccess, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "viewer" }] });
    expect(await callAction("addGroupMembersAction", projectAdmin.claims, { ...context.groupRef, userIds: [projectAdmin.id] })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not allow this/),
    });
    // A Viewer cannot give a group roles at all.
    const viewer = await context.memberWith("member", [{ role: "viewer" }]);
    await expect(
      setGroupProjectRoles(await projectAccess(viewer, context.org.slug, context.project.slug), {
        ...context.ref,
        groupId: context.group.groupId,
        grants: [{ role: "admin" }],
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the last Admin, counted through groups", () => {
  /**
   * A project whose only Admins hold it through the group: two org Admins (the founder steps
   * down to Viewer there, so only the group's members may change who runs it).
   */
  async function projectRunByGroup() {
    const context = await orgWithGroup();
    const [first, second] = [await personIn(context.org.id, "admin"), await personIn(context.org.id, "admin")];
    await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "admin" }] });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [first.id, second.id] });
    const founder = await db().projectMembership.findFirstOrThrow({ where: { projectId: context.project.id, userId: context.admin.id } });
    // Allowed: the group's members are Admins too.
    await changeProjectMemberRoles(context.adminProject, { ...context.ref, membershipId: founder.id, grants: [{ role: "viewer" }] });
    const firstAccess = await orgAccess(first, context.org.slug);
    const secondAccess = await orgAccess(second, context.org.slug);
    return { ...context, first, second, firstAccess, secondAccess };
  }

  it("the group's last member cannot be taken out, the group cannot lose its Admin role or be deleted, while nobody else is Admin", async () => {
    const context = await projectRunByGroup();
    // A Viewer there now, the founder cannot change who is in a group holding Admin there (boundary).
    await expect(removeGroupMember(context.adminAccess, { ...context.groupRef, userId: context.first.id })).rejects.toBeInstanceOf(ValidationError);
    await removeGroupMember(context.secondAccess, { ...context.groupRef, userId: context.first.id });
    await expect(removeGroupMember(context.secondAccess, { ...context.groupRef, userId: context.second.id })).rejects.toThrow(/last Admin of .*Project/);
    const groupAdmin = await projectAccess(context.second, context.org.slug, context.project.slug);
    await expect(setGroupProjectRoles(groupAdmin, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "viewer" }] })).rejects.toBeInstanceOf(
      RefusedError,
    );
    await expect(removeGroupFromProject(groupAdmin, { ...context.ref, groupId: context.group.groupId })).rejects.toBeInstanceOf(RefusedError);
    await expect(deleteGroup(context.secondAccess, context.groupRef)).rejects.toThrow(/last Admin role of .*Project/);
    // Nor can the last member be removed from the org: the project would have no Admin.
    await expect(removeOrgMember(context.adminAccess, { orgSlug: context.org.slug, membershipId: context.second.membership.id })).rejects.toThrow(/only Admin/);
    expect(await db().groupMember.count({ where: { groupId: context.group.groupId } })).toBe(1);
    expect(await db().groupProjectRole.findMany({ where: { groupId: context.group.groupId }, select: { role: true } })).toEqual([{ role: "admin" }]);
  });

  it("two members of the Admin group taken out at the same instant: exactly one goes, every time", async () => {
    for (let round = 0; round < 3; round++) {
      const context = await projectRunByGroup();
      const results = await Promise.allSettled(
        [
          [context.firstAccess, context.second],
          [context.secondAccess, context.first],
        ].map(([remover, person]) => removeGroupMember(remover as OrgAccess, { ...context.groupRef, userId: (person as { id: string }).id })),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(await db().groupMember.count({ where: { groupId: context.group.groupId } })).toBe(1);
    }
  });

  it("a direct Admin demoted while the group's only Admin member is taken out, at once: one of them wins", async () => {
    for (let round = 0; round < 3; round++) {
      const context = await orgWithGroup();
      const member = await personIn(context.org.id);
      await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "admin" }] });
      await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [member.id] });
      const founder = await db().projectMembership.findFirstOrThrow({ where: { projectId: context.project.id, userId: context.admin.id } });
      const results = await Promise.allSettled([
        changeProjectMemberRoles(context.adminProject, { ...context.ref, membershipId: founder.id, grants: [{ role: "viewer" }] }),
        removeGroupMember(context.adminAccess, { ...context.groupRef, userId: member.id }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const stillAdmin = await projectAccess(results[0].status === "fulfilled" ? member : context.admin, context.org.slug, context.project.slug);
      expect(stillAdmin.membership?.liveRoles).toContain("admin");
    }
  });

  it("the org's only Admin through a group keeps it: not taken out of the group, nor the group's role changed", async () => {
    const context = await orgWithGroup();
    const heir = await personIn(context.org.id);
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "admin" });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [heir.id] });
    // The founder steps down to Member: allowed, the heir is Admin through the group.
    await db().orgMembership.updateMany({ where: { orgId: context.org.id, userId: context.admin.id }, data: { role: "member" } });
    const heirAccess = await orgAccess(heir, context.org.slug);
    expect(heirAccess.can("member:remove")).toBe(true);
    await expect(removeGroupMember(heirAccess, { ...context.groupRef, userId: heir.id })).rejects.toThrow(/last Admin of the organization/);
    await expect(updateGroup(heirAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "member" })).rejects.toThrow(/last Admin/);
    await expect(deleteGroup(heirAccess, context.groupRef)).rejects.toThrow(/last Admin/);
    expect(await db().group.findUniqueOrThrow({ where: { id: context.group.groupId } })).toMatchObject({ orgRole: "admin" });
  });
});

describe("groups are listed, limited by the plan, and audited", () => {
  it("lists with counts and search; the Free plan's limit refuses one more; every change is in the audit log with names", async () => {
    const context = await orgWithProject();
    const admin = await orgAccess(context.admin, context.org.slug);
    for (let index = 0; index < 5; index++) await createGroup(admin, { orgSlug: context.org.slug, name: `Team ${index}`, slug: unique("team-") });
    await expect(createGroup(admin, { orgSlug: context.org.slug, name: "One too many", slug: unique("team-") })).rejects.toThrow(
      /Groups: 5 of 5 used on the Free plan/,
    );
    const list = await listGroups(admin, { q: "team 3" });
    expect(list.items.map((item) => item.name)).toEqual(["Team 3"]);
    expect(list.items[0]).toMatchObject({ members: 0, projects: 0 });
    const duplicate = createGroup(admin, { orgSlug: context.org.slug, name: "Dup", slug: list.items[0]!.slug });
    await expect(duplicate).rejects.toBeInstanceOf(Error);
    const events = await db().auditEvent.findMany({ where: { orgId: context.org.id, action: "group.created" }, select: { targetLabel: true } });
    expect(events.map((event) => event.targetLabel).sort()).toEqual(["Team 0", "Team 1", "Team 2", "Team 3", "Team 4"]);
    await expect(listGroups(await orgAccess(await memberOf(context.org.id, "no-access"), context.org.slug), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteGroup(admin, { orgSlug: context.org.slug, groupId: "00000000-0000-7000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

async function memberOf(orgId: string, role: "no-access" | "member") {
  const user = await createUser();
  await addOrgMember(orgId, user.id, role);
  return user;
}

describe("the role editor counts holders through groups", () => {
  it("a person holding a role directly and through a group counts once; one holding it only through the group counts", async () => {
    const context = await orgWithGroup();
    const [both, onlyGroup] = [await personIn(context.org.id), await personIn(context.org.id)];
    await addProjectMember(context.project.id, both.id, [{ role: "member" }]);
    await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "member" }] });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [both.id, onlyGroup.id] });
    const scope = projectRoleScope(context.adminProject);
    expect((await holderCounts(scope)).get("member")).toBe(2);
    // The editor counts only its own role: the same answer, nothing else.
    expect(await holderCounts(scope, "member")).toEqual(new Map([["member", 2]]));
    expect((await listRoleHolders(scope, "member")).map((holder) => holder.email).sort()).toEqual([both.email, onlyGroup.email].sort());
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "member" });
    expect((await holderCounts(orgRoleScope(context.adminAccess))).get("member")).toBe(2);
    expect(await holderCounts(orgRoleScope(context.adminAccess), "member")).toEqual(new Map([["member", 2]]));
    // A Member of the org who is also in the group: one holder more, not two.
    const direct = await createUser({ name: "Aaron Direct" });
    await addOrgMember(context.org.id, direct.id, "member");
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [direct.id] });
    expect(await holderCounts(orgRoleScope(context.adminAccess), "member")).toEqual(new Map([["member", 3]]));
    const orgHolders = await listRoleHolders(orgRoleScope(context.adminAccess), "member");
    expect(orgHolders.map((holder) => holder.email).sort()).toEqual([direct.email, both.email, onlyGroup.email].sort());
    expect(orgHolders[0]?.email).toBe(direct.email);
  });

  it("counts a group's org role right after its members' own roles change, however their group membership was written", async () => {
    const context = await orgWithGroup();
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "member" });
    const [person, racer] = [await personIn(context.org.id), await personIn(context.org.id)];
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [person.id] });
    const scope = orgRoleScope(context.adminAccess);
    const counts = async () => Object.fromEntries(await holderCounts(scope));
    expect(await counts()).toMatchObject({ member: 1, admin: 1 });
    // Now a Member both ways: one holder, not two.
    await changeOrgMemberRole(context.adminAccess, { orgSlug: context.org.slug, membershipId: person.membership.id, role: "member" });
    expect(await counts()).toMatchObject({ member: 1 });
    await changeOrgMemberRole(context.adminAccess, { orgSlug: context.org.slug, membershipId: person.membership.id, role: "admin" });
    expect(await counts()).toMatchObject({ member: 1, admin: 2 });
    // A writer that sets the copied role itself does not change who is counted.
    await db().groupMember.updateMany({ where: { orgMembershipId: person.membership.id }, data: { memberRole: "member" } });
    expect(await counts()).toMatchObject({ member: 1, admin: 2 });
    // Joining the group while their role changes: the copy is the role that change commits.
    await commitWhileOtherWaits(
      (tx) => tx.orgMembership.update({ where: { id: racer.membership.id }, data: { role: "member" } }),
      () => db().groupMember.create({ data: { groupId: context.group.groupId, orgMembershipId: racer.membership.id, userId: racer.id } }),
    );
    expect(await db().groupMember.findFirstOrThrow({ where: { orgMembershipId: racer.membership.id } })).toMatchObject({ memberRole: "member" });
    expect(await counts()).toMatchObject({ member: 2, admin: 2 });
  });
});

describe("a member's page", () => {
  it("lists their groups with what each gives and their own roles; hides project names the viewer cannot see; refuses others", async () => {
    const context = await orgWithGroup();
    const person = await personIn(context.org.id);
    await addProjectMember(context.project.id, person.id, [{ role: "viewer" }]);
    await updateGroup(context.adminAccess, { ...context.groupRef, name: "Backend", description: "", orgRole: "member" });
    await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "member" }] });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [person.id] });
    const seen = await getMemberAccess(context.adminAccess, person.id);
    expect(seen.groups).toEqual([
      expect.objectContaining({
        name: "Backend",
        orgRoleName: "Member",
        projects: [expect.objectContaining({ name: "Project", roles: [{ roleName: "Member", expiresAt: null }] })],
      }),
    ]);
    expect(seen.projects).toEqual([expect.objectContaining({ name: "Project", roles: [{ roleName: "Viewer", expiresAt: null }] })]);
    // An org Member who is in no project sees the groups, not the project's name.
    const colleague = await createUser();
    await addOrgMember(context.org.id, colleague.id, "member");
    const fromColleague = await getMemberAccess(await orgAccess(colleague, context.org.slug), person.id);
    expect(fromColleague.groups[0]!.projects).toEqual([]);
    expect(fromColleague.projects).toEqual([]);
    expect(fromColleague.hiddenProjects).toBe(1);
    // No access: refused. Another org's admin: not found.
    const outsider = await personIn(context.org.id);
    await expect(getMemberAccess(await orgAccess(outsider, context.org.slug), person.id)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await orgWithGroup();
    await expect(getMemberAccess(other.adminAccess, person.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a project's Members page lists groups", () => {
  it("those holding roles here with their grants and member counts, and (for whoever may add) the others", async () => {
    const context = await orgWithGroup();
    const other = await createGroup(context.adminAccess, { orgSlug: context.org.slug, name: "Another", slug: unique("another-") });
    await setGroupProjectRoles(context.adminProject, { ...context.ref, groupId: context.group.groupId, grants: [{ role: "viewer" }] });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: [(await personIn(context.org.id)).id] });
    const listed = (await listProjectMembers(context.adminProject)).groups;
    expect(listed.groups).toEqual([expect.objectContaining({ name: "Backend", members: 1, grants: [{ role: "viewer", expiresAt: null }] })]);
    expect(listed.addable).toEqual([{ id: other.groupId, name: "Another" }]);
    const viewer = await context.memberWith("member", [{ role: "viewer" }]);
    const seenByViewer = (await listProjectMembers(await projectAccess(viewer, context.org.slug, context.project.slug))).groups;
    expect(seenByViewer.groups.map((group) => group.name)).toEqual(["Backend"]);
    expect(seenByViewer.addable).toEqual([]);
  });
});

describe("a group's page", () => {
  it("pages and searches its members with the total, names who added them, and is not found from another org", async () => {
    const context = await orgWithGroup();
    const people = [];
    for (let index = 0; index < 27; index++) people.push((await personIn(context.org.id)).id);
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: people.slice(0, 20) });
    await addGroupMembers(context.adminAccess, { ...context.groupRef, userIds: people.slice(20) });
    const slug = (await db().group.findUniqueOrThrow({ where: { id: context.group.groupId } })).slug;
    const first = await getGroup(context.adminAccess, slug, {});
    expect(first.memberTotal).toBe(27);
    expect(first.members).toHaveLength(25);
    expect(first.members[0]).toMatchObject({ addedBy: "Admin", kind: "PERSON" });
    expect((await getGroup(context.adminAccess, slug, { page: 2 })).members).toHaveLength(2);
    expect((await getGroup(context.adminAccess, slug, { page: 3 })).memberTotal).toBe(27);
    const email = (await db().user.findUniqueOrThrow({ where: { id: people[5]! } })).email;
    expect((await getGroup(context.adminAccess, slug, { q: email })).members.map((member) => member.userId)).toEqual([people[5]]);
    const other = await orgWithGroup();
    await expect(getGroup(other.adminAccess, slug, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
