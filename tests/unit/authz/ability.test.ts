import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/authz/ability";
import { projectRoleRules } from "@/lib/authz/built-in-roles";
import { globToRegExpSource } from "@/lib/authz/glob";
import type { PermissionRule } from "@/lib/authz/rules";

const SECRET_ACTIONS = ["describe", "read-value", "create", "edit", "delete"];

describe("secret path globs", () => {
  const matches = (glob: string, path: string) => new RegExp(globToRegExpSource(glob)).test(path);

  it.each([
    ["/api/**", "/api", true],
    ["/api/**", "/api/payments/stripe", true],
    ["/api/**", "/apis", false],
    ["/api/*", "/api/payments", true],
    ["/api/*", "/api/payments/stripe", false],
    ["/**", "/", true],
    ["/**", "/anything/at/all", true],
    ["/a?c", "/abc", true],
    ["/a?c", "/a/c", false],
    ["/v1.0/*", "/v1x0/keys", false],
    ["/exact", "/exact", true],
    ["/exact", "/exact/child", false],
  ])("%s against %s is %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });
});

describe("conditions and deny rules", () => {
  const secretsEditorExceptProduction: PermissionRule[] = [
    { subject: "secret", actions: SECRET_ACTIONS },
    {
      subject: "secret",
      actions: ["read-value", "create", "edit", "delete"],
      inverted: true,
      conditions: [{ field: "environment", operator: "eq", value: "production" }],
    },
  ];

  it("'Secrets editor except production' reads and writes everywhere but production", () => {
    const ability = buildAbility(secretsEditorExceptProduction);
    const dev = { environment: "development", secretPath: "/" };
    const prod = { environment: "production", secretPath: "/" };
    for (const action of SECRET_ACTIONS) expect(ability.can(`secret:${action}`, dev)).toBe(true);
    expect(ability.can("secret:describe", prod)).toBe(true);
    for (const action of ["read-value", "create", "edit", "delete"]) {
      expect(ability.can(`secret:${action}`, prod), action).toBe(false);
    }
  });

  it("a deny in one role beats an allow in another", () => {
    const memberRole = projectRoleRules("member", "SECRET_MANAGER");
    const denyApi: PermissionRule = {
      subject: "secret",
      actions: ["read-value"],
      inverted: true,
      conditions: [{ field: "secretPath", operator: "glob", value: "/api/**" }],
    };
    for (const rules of [
      [...memberRole, denyApi],
      [denyApi, ...memberRole],
    ]) {
      const ability = buildAbility(rules);
      expect(ability.can("secret:read-value", { environment: "dev", secretPath: "/api/payments" })).toBe(false);
      expect(ability.can("secret:read-value", { environment: "dev", secretPath: "/web" })).toBe(true);
      expect(ability.can("secret:describe", { environment: "dev", secretPath: "/api/payments" })).toBe(true);
    }
  });

  it("an allow with conditions grants only where they all hold", () => {
    const ability = buildAbility([
      {
        subject: "secret",
        actions: ["read-value"],
        conditions: [
          { field: "environment", operator: "in", value: ["development", "staging"] },
          { field: "secretPath", operator: "glob", value: "/web/**" },
          { field: "secretPath", operator: "glob", value: "/*/public/**" },
        ],
      },
    ]);
    expect(ability.can("secret:read-value", { environment: "staging", secretPath: "/web/public/logo" })).toBe(true);
    expect(ability.can("secret:read-value", { environment: "staging", secretPath: "/web/private" })).toBe(false);
    expect(ability.can("secret:read-value", { environment: "production", secretPath: "/web/public" })).toBe(false);
    expect(ability.can("secret:read-value", { environment: "staging", secretPath: "/api/public" })).toBe(false);
  });

  it("ne excludes exactly the named values", () => {
    const ability = buildAbility([
      {
        subject: "secret",
        actions: ["edit"],
        conditions: [
          { field: "environment", operator: "ne", value: "production" },
          { field: "environment", operator: "ne", value: "staging" },
        ],
      },
    ]);
    expect(ability.can("secret:edit", { environment: "development", secretPath: "/" })).toBe(true);
    expect(ability.can("secret:edit", { environment: "staging", secretPath: "/" })).toBe(false);
    expect(ability.can("secret:edit", { environment: "production", secretPath: "/" })).toBe(false);
  });

  it("with no rules nothing is allowed", () => {
    const ability = buildAbility([]);
    expect(ability.can("secret:describe", { environment: "development", secretPath: "/" })).toBe(false);
    expect(ability.can("project:read")).toBe(false);
  });
});
