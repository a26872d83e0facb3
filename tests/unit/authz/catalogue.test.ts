import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import {
  BUILT_IN_ORG_ROLES,
  BUILT_IN_PROJECT_ROLES,
  orgRoleRules,
  projectRoleRules,
  type OrgRoleSlug,
  type ProjectRoleSlug,
} from "@/lib/platform/authz/built-in-roles";
import { listPermissions, ORG_SUBJECTS, PRODUCT_SUBJECTS, PRODUCT_TYPES, PROJECT_COMMON_SUBJECTS, projectSubjects } from "@/lib/platform/authz/catalogue";

const orgRoles = Object.keys(BUILT_IN_ORG_ROLES) as OrgRoleSlug[];
const projectRoles = Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[];

describe("the permission catalogue", () => {
  it("names every permission once", () => {
    const org = listPermissions(ORG_SUBJECTS);
    expect(new Set(org).size).toBe(org.length);
    for (const type of PRODUCT_TYPES) {
      const project = listPermissions(projectSubjects(type));
      expect(new Set(project).size).toBe(project.length);
    }
  });

  it("keeps each product type's subjects apart from the common ones and from each other", () => {
    const common = Object.keys(PROJECT_COMMON_SUBJECTS);
    const seen = new Set<string>();
    for (const type of PRODUCT_TYPES) {
      for (const subject of Object.keys(PRODUCT_SUBJECTS[type])) {
        expect(common).not.toContain(subject);
        expect(seen.has(subject), subject).toBe(false);
        seen.add(subject);
      }
    }
  });
});

describe("built-in roles decide every subject of the catalogue", () => {
  it.each(orgRoles)("org role %s has an explicit decision for each org subject", (role) => {
    const grants = BUILT_IN_ORG_ROLES[role].grants as Record<string, readonly string[]>;
    expect(Object.keys(grants).sort()).toEqual(Object.keys(ORG_SUBJECTS).sort());
    for (const [subject, actions] of Object.entries(grants)) {
      const known = Object.keys(ORG_SUBJECTS[subject as keyof typeof ORG_SUBJECTS].actions);
      for (const action of actions) expect(known, `${subject}:${action}`).toContain(action);
    }
  });

  it.each(projectRoles)("project role %s has an explicit decision for each subject of every type", (role) => {
    const { common, products } = BUILT_IN_PROJECT_ROLES[role].grants;
    expect(Object.keys(common).sort()).toEqual(Object.keys(PROJECT_COMMON_SUBJECTS).sort());
    for (const type of PRODUCT_TYPES) {
      expect(Object.keys(products[type]).sort()).toEqual(Object.keys(PRODUCT_SUBJECTS[type]).sort());
      const rules = projectRoleRules(role, type);
      const catalogue = listPermissions(projectSubjects(type));
      for (const rule of rules) {
        for (const action of rule.actions) expect(catalogue).toContain(`${rule.subject}:${action}`);
      }
    }
  });
});

describe("built-in role semantics", () => {
  it("org Admin holds every org permission and No access none", () => {
    const admin = buildAbility(orgRoleRules("admin"));
    const nobody = buildAbility(orgRoleRules("no-access"));
    for (const permission of listPermissions(ORG_SUBJECTS)) {
      expect(admin.can(permission), permission).toBe(true);
      expect(nobody.can(permission), permission).toBe(false);
    }
  });

  it("org Member reads the org, members, groups, identities and roles, creates projects, sees every project's name, reads billing, nothing more", () => {
    const member = buildAbility(orgRoleRules("member"));
    const allowed = listPermissions(ORG_SUBJECTS).filter((permission) => member.can(permission));
    expect(allowed.sort()).toEqual(
      ["organization:read", "billing:read", "member:read", "group:read", "identity:read", "role:read", "project:create", "project:browse"].sort(),
    );
  });

  it.each(PRODUCT_TYPES)("project Admin holds everything in a %s project and nothing of other types", (type) => {
    const admin = buildAbility(projectRoleRules("admin", type));
    for (const permission of listPermissions(projectSubjects(type))) expect(admin.can(permission)).toBe(true);
    for (const other of PRODUCT_TYPES.filter((candidate) => candidate !== type)) {
      for (const permission of listPermissions(PRODUCT_SUBJECTS[other])) expect(admin.can(permission)).toBe(false);
    }
  });

  it("a Viewer sees secret keys but not their values, and changes nothing (asking for a role changes nothing until others approve)", () => {
    const viewer = buildAbility(projectRoleRules("viewer", "SECRET_MANAGER"));
    expect(viewer.can("secret:describe")).toBe(true);
    expect(viewer.can("secret:read-value")).toBe(false);
    for (const permission of listPermissions(projectSubjects("SECRET_MANAGER"))) {
      const [, action] = permission.split(":");
      if (["create", "edit", "delete", "add", "remove", "edit-role"].includes(action ?? "")) {
        expect(viewer.can(permission), permission).toBe(permission === "role-request:create");
      }
    }
  });

  it("project permissions never imply org permissions", () => {
    const projectAdmin = buildAbility(projectRoleRules("admin", "PKI"));
    for (const permission of ["organization:edit", "billing:manage", "member:invite", "project:create", "project:read-all"]) {
      expect(projectAdmin.can(permission), permission).toBe(false);
    }
  });
});
