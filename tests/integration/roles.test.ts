import { describe, expect, it } from "vitest";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { changeOrgMemberRole } from "@/lib/platform/org-members/change-org-member-role";
import { addProjectMembers } from "@/lib/platform/project-members/add-project-member";
import { deleteRole } from "@/lib/platform/roles/delete-role";
import { holderCounts, listRoles, roleOptions, rolesHeldOne, rolesOf } from "@/lib/platform/roles/list-roles";
import { createRole, updateRole } from "@/lib/platform/roles/save-role";
import { orgRoleScope, projectRoleScope } from "@/lib/platform/roles/scope";
import { addOrgMember, addProjectMember as addGrant, createUser, orgAccess, orgWithProject, projectAccess, unique } from "../support/factories";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";

const ROLE_EDITOR = [
  { subject: "organization", actions: ["read"] },
  { subject: "member", actions: ["read", "invite", "edit-role"] },
  { subject: "role", actions: ["read", "create", "edit", "delete"] },
  { subject: "billing", actions: ["read"] },
];

const SECRETS_EDITOR_EXCEPT_PRODUCTION = [
  { subject: "project", actions: ["read"] },
  { subject: "environment", actions: ["read"] },
  { subject: "secret", actions: ["describe", "read-value", "create", "edit", "delete"] },
  { subject: "secret", actions: ["read-value", "edit", "delete"], inverted: true, conditions: [{ field: "environment", operator: "eq", value: "prod" }] },
];

/** An org whose admin made a custom org role, held by a new member. */
async function withCustomOrgRole(permissions: unknown[]) {
  const context = await orgWithProject();
  const scope = orgRoleScope(context.adminOrgAccess);
  const { slug } = await createRole(scope, { name: "Custom", slug: unique("custom-"), permissions });
  const holder = await createUser();
  await addOrgMember(context.org.id, holder.id, "member");
  await db().orgMembership.updateMany({ where: { orgId: context.org.id, userId: holder.id }, data: { role: slug } });
  return { ...context, slug, holder };
}

describe("rolesHeldOne", () => {
  it("reads in one statement the scope's roles, custom ones by name, and how many hold the one shown; refused without role:read", async () => {
    const context = await withCustomOrgRole(ROLE_EDITOR);
    const scope = orgRoleScope(context.adminOrgAccess);
    await createRole(scope, { name: "Alpha auditors", slug: unique("alpha-"), permissions: [{ subject: "audit-log", actions: ["read"] }] });
    const held = await rolesHeldOne(scope, context.slug);
    expect(held).toEqual({ roles: await rolesOf(scope), holders: 1 });
    expect(held.roles.filter((role) => !role.builtIn).map((role) => role.name)).toEqual(["Alpha auditors", "Custom"]);
    expect(held.roles.find((role) => role.slug === context.slug)?.rules).toEqual((await rolesOf(scope)).find((role) => role.slug === context.slug)?.rules);
    expect((await rolesHeldOne(scope, "admin")).holders).toBe((await holderCounts(scope, "admin")).get("admin"));
    expect((await rolesHeldOne(scope, "nobody-holds-this")).holders).toBe(0);
    const project = projectRoleScope(await projectAccess(context.admin, context.org.slug, context.project.slug));
    expect(await rolesHeldOne(project, "admin")).toEqual({ roles: await rolesOf(project), holders: (await holderCounts(project, "admin")).get("admin") });
    const nobody = await context.memberWith("no-access", []);
    await expect(rolesHeldOne(orgRoleScope(await orgAccess(nobody, context.org.slug)), "admin")).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("custom roles: the boundary", () => {
  it("someone with role:edit but not billing:manage cannot put billing:manage in a role, or hand out a role that has it", async () => {
    const { org, adminOrgAccess, holder: editor } = await withCustomOrgRole(ROLE_EDITOR);
    const access = await orgAccess(editor, org.slug);
    const scope = orgRoleScope(access);
    expect(access.can("role:edit")).toBe(true);

    const withBilling = [{ subject: "billing", actions: ["read", "manage"] }];
    await expect(createRole(scope, { name: "Sneaky", slug: unique("sneaky-"), permissions: withBilling })).rejects.toMatchObject({
      fieldErrors: { permissions: [expect.stringMatching(/do not hold yourself/)] },
    });
    const own = await createRole(scope, { name: "Readers", slug: unique("readers-"), permissions: [{ subject: "billing", actions: ["read"] }] });
    await expect(updateRole(scope, { roleSlug: own.slug, name: "Readers", permissions: withBilling })).rejects.toBeInstanceOf(ValidationError);

    const billing = await createRole(orgRoleScope(adminOrgAccess), { name: "Billing", slug: unique("billing-"), permissions: withBilling });
    const colleague = await createUser();
    const membership = await addOrgMember(org.id, colleague.id, "no-access");
    await expect(changeOrgMemberRole(access, { orgSlug: org.slug, membershipId: membership.id, role: billing.slug })).rejects.toMatchObject({
      fieldErrors: { role: [expect.stringMatching(/cannot give or take away the Billing role/)] },
    });
    await expect(createInvitations(access, { orgSlug: org.slug, emails: `${unique("x")}@example.com`, role: billing.slug })).rejects.toBeInstanceOf(
      ValidationError,
    );
    // A role within what they hold is theirs to hand out.
    await changeOrgMemberRole(access, { orgSlug: org.slug, membershipId: membership.id, role: own.slug });
    expect((await db().orgMembership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe(own.slug);
  });

  it("a project admin cannot create org roles", async () => {
    const { org, memberWith } = await orgWithProject();
    const projectAdmin = await memberWith("member", [{ role: "admin" }]);
    const scope = orgRoleScope(await orgAccess(projectAdmin, org.slug));
    await expect(createRole(scope, { name: "Mine", slug: unique("mine-"), permissions: [] })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("custom roles: what is stored", () => {
  it("is checked against the scope's catalogue, with a message saying what is wrong", async () => {
    const { org, project, admin, adminOrgAccess } = await orgWithProject("PKI");
    const orgScope = orgRoleScope(adminOrgAccess);
    const projectScope = projectRoleScope(await projectAccess(admin, org.slug, project.slug));
    const cases: Array<[typeof orgScope, unknown, RegExp]> = [
      [orgScope, [{ subject: "spaceship", actions: ["fly"] }], /"spaceship" is not something this kind of role can grant/],
      [orgScope, [{ subject: "member", actions: ["promote"] }], /Members has no action "promote"/],
      [projectScope, [{ subject: "billing", actions: ["read"] }], /"billing" is not something/],
      [projectScope, [{ subject: "secret", actions: ["describe"] }], /"secret" is not something/],
      [
        projectScope,
        [{ subject: "certificate", actions: ["read"], conditions: [{ field: "environment", operator: "eq", value: "x" }] }],
        /cannot have conditions on "environment"/,
      ],
      [orgScope, Array.from({ length: 101 }, () => ({ subject: "member", actions: ["read"] })), /at most 100 rules/],
      [orgScope, "everything", /expected array/i],
    ];
    for (const [scope, permissions, message] of cases) {
      await expect(createRole(scope, { name: "Bad", slug: unique("bad-"), permissions })).rejects.toMatchObject({
        fieldErrors: { permissions: [expect.stringMatching(message)] },
      });
    }
    expect(await db().customRole.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("reserves built-in slugs and keeps slugs unique per scope", async () => {
    const { adminOrgAccess } = await orgWithProject();
    const scope = orgRoleScope(adminOrgAccess);
    await expect(createRole(scope, { name: "Admin 2", slug: "admin", permissions: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["slug"] })],
    });
    await expect(createRole(scope, { name: "Viewer", slug: "viewer", permissions: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["slug"] })],
    });
    const slug = unique("dup-");
    await createRole(scope, { name: "One", slug, permissions: [] });
    await expect(createRole(scope, { name: "Two", slug, permissions: [] })).rejects.toMatchObject({ fieldErrors: { slug: [expect.any(String)] } });
  });

  it("duplicates a built-in role into an editable copy", async () => {
    const { org, project, admin } = await orgWithProject();
    const scope = projectRoleScope(await projectAccess(admin, org.slug, project.slug));
    const { slug } = await createRole(scope, { name: "My viewer", slug: unique("my-viewer-"), copyFrom: "viewer" });
    const roles = await listRoles(scope);
    const copy = roles.find((role) => role.slug === slug)!;
    expect(copy.rules).toEqual(roles.find((role) => role.slug === "viewer")!.rules);
    expect(copy.builtIn).toBe(false);
    await expect(updateRole(scope, { roleSlug: "viewer", name: "Hacked", permissions: [] })).rejects.toThrow(/Built-in roles cannot be edited/);
  });
});

describe("custom roles: evaluation and changes", () => {
  it("a project role with a deny on production allows everything else, and follows every edit on the next request", async () => {
    const { org, project, admin, memberWith } = await orgWithProject();
    const scope = projectRoleScope(await projectAccess(admin, org.slug, project.slug));
    const { slug } = await createRole(scope, {
      name: "Secrets editor except production",
      slug: unique("editor-"),
      permissions: SECRETS_EDITOR_EXCEPT_PRODUCTION,
    });
    const member = await memberWith("member", []);
    await addProjectMembers(await projectAccess(admin, org.slug, project.slug), {
      orgSlug: org.slug,
      projectSlug: project.slug,
      userIds: [member.id],
      grants: [{ role: slug }],
    });

    const before = await projectAccess(member, org.slug, project.slug);
    expect(before.membership?.roleLabels).toEqual(["Secrets editor except production"]);
    expect(before.can("secret:read-value", { environment: "dev", secretPath: "/" })).toBe(true);
    expect(before.can("secret:read-value", { environment: "prod", secretPath: "/" })).toBe(false);
    expect(before.can("secret:describe", { environment: "prod", secretPath: "/" })).toBe(true);

    const result = await updateRole(scope, {
      roleSlug: slug,
      name: "Secrets editor except production",
      permissions: SECRETS_EDITOR_EXCEPT_PRODUCTION.filter((rule) => !(rule.subject === "secret" && !rule.inverted)),
    });
    expect(result).toMatchObject({ holders: 1, changes: { removed: [expect.stringMatching(/^Secrets: can see keys/)] } });
    const after = (await loadProjectAccess(member.claims, org.slug, project.slug)).access!;
    expect(after.can("secret:read-value", { environment: "dev", secretPath: "/" })).toBe(false);
  });

  it("a permission removed from an org role stops working for its holders on their next request", async () => {
    const { org, adminOrgAccess, slug, holder } = await withCustomOrgRole(ROLE_EDITOR);
    expect((await loadOrgAccess(holder.claims, org.slug)).access!.can("member:invite")).toBe(true);
    await updateRole(orgRoleScope(adminOrgAccess), { roleSlug: slug, name: "Custom", permissions: ROLE_EDITOR.filter((rule) => rule.subject !== "member") });
    expect((await loadOrgAccess(holder.claims, org.slug)).access!.can("member:invite")).toBe(false);
  });

  it("a project's roles are its own: another project's custom role cannot be granted there", async () => {
    const { org, admin, adminOrgAccess, memberWith } = await orgWithProject();
    const { createProject } = await import("@/lib/platform/projects/create-project");
    const other = await createProject(adminOrgAccess, { orgSlug: org.slug, name: "Other", slug: unique("other-"), type: "SECRET_MANAGER" });
    const otherScope = projectRoleScope(await projectAccess(admin, org.slug, other.slug));
    const { slug } = await createRole(otherScope, { name: "Other's", slug: unique("others-"), permissions: [] });
    const member = await memberWith("member", []);
    const { project } = await db().projectMembership.findFirstOrThrow({
      where: { userId: admin.id, project: { orgId: org.id, NOT: { id: other.id } } },
      select: { project: true },
    });
    await expect(
      addProjectMembers(await projectAccess(admin, org.slug, project.slug), {
        orgSlug: org.slug,
        projectSlug: project.slug,
        userIds: [member.id],
        grants: [{ role: slug }],
      }),
    ).rejects.toMatchObject({ fieldErrors: { grants: [expect.stringMatching(/There is no role/)] } });
  });
});

describe("two editors at once", () => {
  it("a save based on an older version is refused instead of overwriting the newer one", async () => {
    const { adminOrgAccess } = await orgWithProject();
    const scope = orgRoleScope(adminOrgAccess);
    const { slug } = await createRole(scope, { name: "Shared", slug: unique("shared-"), permissions: [] });
    const first = await updateRole(scope, { roleSlug: slug, name: "First", permissions: [], version: 1 });
    expect(first.version).toBe(2);
    await expect(updateRole(scope, { roleSlug: slug, name: "Stale tab", permissions: [], version: 1 })).rejects.toThrow(/Someone else saved this role/);
    expect((await listRoles(scope)).find((role) => role.slug === slug)?.name).toBe("First");
  });
});

describe("deleting a custom role", () => {
  it("moves its holders, pending invitations and invite links to the chosen role, in one transaction", async () => {
    const { org, adminOrgAccess, slug, holder } = await withCustomOrgRole([{ subject: "organization", actions: ["read"] }]);
    const scope = orgRoleScope(adminOrgAccess);
    const [invitation] = await createInvitations(adminOrgAccess, { orgSlug: org.slug, emails: `${unique("i")}@example.com`, role: slug });
    const link = await createInviteLink(adminOrgAccess, { orgSlug: org.slug, name: "Link", role: slug });
    expect(await deleteRole(scope, { roleSlug: slug, reassignTo: "member" })).toEqual({ moved: 1 });
    expect((await orgAccess(holder, org.slug)).role).toBe("member");
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation!.id } })).role).toBe("member");
    expect((await db().inviteLink.findUniqueOrThrow({ where: { id: link.id } })).role).toBe("member");
    expect(await db().customRole.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("changes nothing when the new role is refused", async () => {
    const { org, adminOrgAccess, slug, holder } = await withCustomOrgRole([{ subject: "organization", actions: ["read"] }]);
    await expect(deleteRole(orgRoleScope(adminOrgAccess), { roleSlug: slug, reassignTo: "no-such-role" })).rejects.toMatchObject({
      fieldErrors: { reassignTo: [expect.stringMatching(/There is no role/)] },
    });
    expect((await orgAccess(holder, org.slug)).role).toBe(slug);
    expect(await db().customRole.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("merges project grants when a member already holds the new role", async () => {
    const { org, project, admin, memberWith } = await orgWithProject();
    const scope = projectRoleScope(await projectAccess(admin, org.slug, project.slug));
    const { slug } = await createRole(scope, { name: "Temp", slug: unique("temp-"), permissions: [] });
    const both = await memberWith("member", [{ role: "viewer" }]);
    const membership = await db().projectMembership.findFirstOrThrow({ where: { userId: both.id, projectId: project.id } });
    await db().projectRoleGrant.create({ data: { projectMembershipId: membership.id, role: slug } });
    const only = await memberWith("member", []);
    await addGrant(project.id, only.id, [{ role: "member" }]);
    await db().projectRoleGrant.updateMany({ where: { membership: { userId: only.id, projectId: project.id } }, data: { role: slug } });
    expect(await deleteRole(scope, { roleSlug: slug, reassignTo: "viewer" })).toEqual({ moved: 2 });
    expect(
      (await db().projectRoleGrant.findMany({ where: { membership: { projectId: project.id, userId: { in: [both.id, only.id] } } } })).map(
        (grant) => grant.role,
      ),
    ).toEqual(["viewer", "viewer"]);
  });

  it("cannot reach another org's role by slug", async () => {
    const victim = await withCustomOrgRole([]);
    const attacker = await orgWithProject();
    const scope = orgRoleScope(attacker.adminOrgAccess);
    await expect(deleteRole(scope, { roleSlug: victim.slug, reassignTo: "member" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateRole(scope, { roleSlug: victim.slug, name: "Mine now", permissions: [] })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().customRole.count({ where: { orgId: victim.org.id } })).toBe(1);
  });
});

describe("role options for granting", () => {
  it("say which other roles already cover each one, so a form can tell that ticking both adds nothing", async () => {
    const context = await orgWithProject();
    const { grantable } = await roleOptions(projectRoleScope(await projectAccess(context.admin, context.org.slug, context.project.slug)));
    const coveredBy = Object.fromEntries(grantable.map((role) => [role.slug, role.coveredBy]));
    expect(coveredBy.viewer).toEqual(expect.arrayContaining(["Admin", "Member"]));
    expect(coveredBy.member).toEqual(["Admin"]);
    expect(coveredBy.admin).toEqual([]);
  });
});
