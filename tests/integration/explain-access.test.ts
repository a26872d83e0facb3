// The explainer's answer must be what the access check decides. Over generated people ×
// roles (built-in and custom, with conditions and denies) × groups × resources, its answer is
// compared with the loaders' own ability: the one each request is checked against.
import { describe, expect, it } from "vitest";
import { explainAccess } from "@/lib/platform/authz/explain-access";
import { loadProjectAccess, principalAbilities } from "@/lib/platform/authz/project-access";
import { listPermissions, projectSubjects } from "@/lib/platform/authz/catalogue";
import type { PermissionRule } from "@/lib/platform/authz/rules";
import { db } from "@/lib/platform/db";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { addOrgMember, addProjectMember, createUser, orgAccess, orgWithProject, projectAccess, unique } from "../support/factories";

/** A small deterministic generator (mulberry32): the same cases on every run, and a seed to replay one. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => items.filter(() => next() < max / items.length);
  return { next, pick, some };
}

const ENVIRONMENTS = ["dev", "staging", "prod"];
const PATHS = ["/", "/api", "/api/keys", "/web"];
const SECRET_ACTIONS = ["describe", "read-value", "create", "edit", "delete"];

function randomRule(random: ReturnType<typeof generator>): PermissionRule {
  const conditions = random.some(
    [
      { field: "environment", operator: "eq" as const, value: random.pick(ENVIRONMENTS) },
      { field: "environment", operator: "ne" as const, value: random.pick(ENVIRONMENTS) },
      { field: "secretPath", operator: "glob" as const, value: random.pick(["/api/**", "/web", "/**", "/api/*"]) },
      { field: "environment", operator: "in" as const, value: random.some(ENVIRONMENTS, 2) },
    ].filter((condition) => !Array.isArray(condition.value) || condition.value.length > 0),
    1.5,
  );
  const actions = random.some(SECRET_ACTIONS, 2.5);
  return {
    subject: "secret",
    actions: actions.length ? actions : ["describe"],
    ...(random.next() < 0.3 ? { inverted: true } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
}

describe("why can X do Y", () => {
  it("answers exactly what the access check decides, over generated people, roles, groups and resources", async () => {
    const random = generator(20261204);
    const context = await orgWithProject();
    await db().organization.update({ where: { id: context.org.id }, data: { plan: "ENTERPRISE" } });
    const admin = await orgAccess(context.admin, context.org.slug);
    const customRoles: string[] = [];
    for (let index = 0; index < 4; index++) {
      const rules = [randomRule(random), randomRule(random)];
      // A role needs at least one allow to be saved; the denies ride along.
      if (rules.every((rule) => rule.inverted)) rules[0] = { ...rules[0]!, inverted: undefined };
      // Stored directly: the editor's own checks (condition values that exist) are tested with it.
      const role = await db().customRole.create({
        data: {
          orgId: context.org.id,
          projectId: context.project.id,
          scopeKey: `project:${context.project.id}`,
          name: `Generated ${index}`,
          slug: unique("gen-"),
          permissions: rules,
        },
      });
      customRoles.push(role.slug);
    }
    const roles = ["admin", "member", "viewer", "no-access", ...customRoles];
    const groups = [];
    for (let index = 0; index < 3; index++) {
      const group = await db().group.create({ data: { orgId: context.org.id, name: `Team ${index}`, slug: unique("team-") } });
      for (const role of random.some(roles, 1.5)) {
        await db().groupProjectRole.create({
          data: { groupId: group.id, projectId: context.project.id, role, expiresAt: random.next() < 0.2 ? new Date(Date.now() - 60_000) : null },
        });
      }
      groups.push(group);
    }
    const people = [];
    for (let index = 0; index < 6; index++) {
      const person = await createUser();
      const membership = await addOrgMember(context.org.id, person.id, "no-access");
      const own = random.some(roles, 1.2);
      if (own.length > 0 || random.next() < 0.5) {
        const projectMembership = await addProjectMember(context.project.id, person.id, []);
        for (const role of own) await db().projectRoleGrant.create({ data: { projectMembershipId: projectMembership.id, role } });
      }
      for (const group of random.some(groups, 1.5)) {
        await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: membership.id, userId: person.id } });
      }
      people.push(person);
    }

    const permissions = listPermissions(projectSubjects("SECRET_MANAGER"));
    let allowedSeen = 0;
    let deniedSeen = 0;
    for (const person of people) {
      const checked = (await principalAbilities(db(), person.id, [{ id: context.project.id, type: "SECRET_MANAGER" }])).get(context.project.id);
      const { access: loaded } = await loadProjectAccess(person.claims, context.org.slug, context.project.slug);
      for (let index = 0; index < 25; index++) {
        const permission = random.next() < 0.7 ? `secret:${random.pick(SECRET_ACTIONS)}` : random.pick(permissions);
        const resource: Record<string, string> = permission.startsWith("secret:")
          ? { environment: random.pick(ENVIRONMENTS), secretPath: random.pick(PATHS) }
          : {};
        const explanation = await explainAccess(admin, { userId: person.id, projectId: context.project.id, permission, resource });
        const decided = checked?.can(permission, permission.startsWith("secret:") ? resource : undefined) ?? false;
        const case_ = `${person.email} ${permission} ${JSON.stringify(resource)}: ${explanation.summary}`;
        expect(explanation.allowed, case_).toBe(decided);
        expect(loaded?.can(permission, permission.startsWith("secret:") ? resource : undefined) ?? false, case_).toBe(decided);
        if (decided) allowedSeen++;
        else deniedSeen++;
        // Every allowing path is named; a deny that wins is named too.
        if (explanation.allowed) expect(explanation.summary).toMatch(/^Yes: role /);
        else expect(explanation.summary).toMatch(/^No: /);
      }
    }
    // The generated cases exercise both answers, not one.
    expect(allowedSeen).toBeGreaterThan(10);
    expect(deniedSeen).toBeGreaterThan(10);
  });

  it("names the group, who added them and the deny that wins", async () => {
    const context = await orgWithProject();
    await db().organization.update({ where: { id: context.org.id }, data: { plan: "ENTERPRISE" } });
    const admin = await orgAccess(context.admin, context.org.slug);
    const adminProject = await projectAccess(context.admin, context.org.slug, context.project.slug);
    const noProd = await createRole(projectRoleScope(adminProject), {
      name: "No prod",
      slug: unique("noprod-"),
      permissions: [
        { subject: "project", actions: ["read"] },
        { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "environment", operator: "eq", value: "prod" }] },
      ],
    });
    const group = await db().group.create({ data: { orgId: context.org.id, name: "Backend", slug: unique("backend-") } });
    await db().groupProjectRole.create({ data: { groupId: group.id, projectId: context.project.id, role: "member" } });
    const person = await createUser({ name: "Grace" });
    const membership = await addOrgMember(context.org.id, person.id, "no-access");
    await db().groupMember.create({ data: { groupId: group.id, orgMembershipId: membership.id, userId: person.id, addedById: context.admin.id } });
    const ask = (environment: string) =>
      explainAccess(admin, {
        userId: person.id,
        projectId: context.project.id,
        permission: "secret:read-value",
        resource: { environment, secretPath: "/api" },
      });
    const yes = await ask("dev");
    expect(yes.summary).toBe(`Yes: role Member in ${context.project.name} via group Backend; denied by nothing.`);
    expect(yes.roles[0]!.path).toMatchObject({ kind: "group", groupName: "Backend", addedBy: "Admin" });
    const projectMembership = await addProjectMember(context.project.id, person.id, []);
    await db().projectRoleGrant.create({ data: { projectMembershipId: projectMembership.id, role: noProd.slug } });
    const no = await ask("prod");
    expect(no.allowed).toBe(false);
    expect(no.summary).toMatch(/^No: denied by role No prod in .* \(which wins over role Member in .* via group Backend\)\.$/);
    expect(no.roles.find((role) => role.role === noProd.slug)!.denies).toEqual(['Secrets: never read values, where the environment is "prod".']);
    expect((await ask("dev")).allowed).toBe(true);
  });
});
