import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import { projectRoleRules } from "@/lib/platform/authz/built-in-roles";
import { listPermissions, PRODUCT_TYPES, projectSubjects } from "@/lib/platform/authz/catalogue";
import { PROJECT_SECTIONS, visibleSections } from "@/lib/platform/projects/navigation";

const labels = (type: (typeof PRODUCT_TYPES)[number], role: "admin" | "member" | "viewer" | "no-access") => {
  const ability = buildAbility(projectRoleRules(role, type));
  return visibleSections(type, (permission) => ability.can(permission)).map((section) => section.label);
};

describe("project navigation", () => {
  it("gates every section on a permission that exists for its types", () => {
    for (const section of PROJECT_SECTIONS) {
      for (const type of section.types ?? PRODUCT_TYPES) {
        expect(listPermissions(projectSubjects(type)), section.label).toContain(section.permission);
      }
    }
  });

  it("shows each type only its own product pages", () => {
    expect(labels("SECRET_MANAGER", "admin")).toEqual(["Overview", "Secrets", "Environments", "Members", "Roles", "Request policies", "Audit log", "Settings"]);
    expect(labels("PKI", "admin")).toContain("Certificates");
    expect(labels("PKI", "admin")).not.toContain("Secrets");
    expect(labels("PAM", "admin")).toEqual(expect.arrayContaining(["Resources", "Accounts", "Access policies", "Access requests", "Grants and sessions"]));
  });

  it("shows a Viewer no settings or audit log, and No access nothing", () => {
    expect(labels("SECRET_MANAGER", "viewer")).toEqual(["Overview", "Secrets", "Environments", "Members", "Roles", "Request policies"]);
    expect(labels("PAM", "viewer")).not.toContain("Access requests");
    expect(labels("PKI", "no-access")).toEqual([]);
  });
});
