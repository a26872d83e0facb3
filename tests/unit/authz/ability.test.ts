import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import { projectRoleRules } from "@/lib/platform/authz/built-in-roles";
import { compileGlob, MAX_GLOB_WILDCARDS } from "@/lib/platform/authz/glob";
import { permissionRulesSchema } from "@/lib/platform/authz/rule-schema";
import { projectSubjects } from "@/lib/platform/authz/catalogue";
import { MAX_PATH_LENGTH } from "@/lib/products/secrets/schemas";
import type { PermissionRule } from "@/lib/platform/authz/rules";

const SECRET_ACTIONS = ["describe", "read-value", "create", "edit", "delete"];

describe("secret path globs", () => {
  const matches = (glob: string, path: string) => compileGlob(glob).matches(path);

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
    ["/**/b", "/a/x/b", true],
    ["/**/b", "/a/x/bc", false],
    ["/a*b", "/ab", true],
    ["/a*b", "/axxb", true],
    ["/a*b", "/ax/b", false],
    ["/a/***", "/a/b/c", true],
    ["/(a|b)+", "/(a|b)+", true],
    ["/(a|b)+", "/aab", false],
    ["/[ab]", "/a", false],
    ["/a\\*", "/a\\x", true],
    ["", "", true],
    ["", "/", false],
  ])("%s against %s is %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });
});

describe("glob matching cost (hostile patterns)", () => {
  // The longest condition value a role may hold, and the longest path a request may name.
  const MAX_PATTERN_LENGTH = 200;
  // Per run at most 2 × (path + 1) × (pattern + 1) state visits; a trailing "/**" adds a second run.
  const worstCaseBound = (pattern: string, path: string) => 2 * 2 * (path.length + 1) * (pattern.length + 1);

  const adversarial: Array<[string, string]> = [
    ["/**a**a**a**a**a**a**b", `/${"a".repeat(MAX_PATH_LENGTH - 1)}`],
    ["/**a**a**a**a**a**a**a**a**b", `/${"a/".repeat((MAX_PATH_LENGTH - 1) / 2)}`],
    [`/${"*a".repeat(MAX_GLOB_WILDCARDS)}`.padEnd(MAX_PATTERN_LENGTH, "a") + "b", `/${"a".repeat(MAX_PATH_LENGTH - 1)}`],
    [`/${"**?".repeat(MAX_GLOB_WILDCARDS / 2)}x/**`, `/${"ab/".repeat(80)}`.slice(0, MAX_PATH_LENGTH)],
    ["/a".repeat(MAX_PATTERN_LENGTH / 2), `/${"a".repeat(MAX_PATH_LENGTH - 1)}`],
  ];

  it.each(adversarial)("%s stays within (path × pattern) steps", (pattern, path) => {
    expect(path.length).toBeLessThanOrEqual(MAX_PATH_LENGTH);
    const steps = { count: 0 };
    expect(compileGlob(pattern).matches(path, steps)).toBe(false);
    expect(steps.count).toBeGreaterThan(0);
    expect(steps.count).toBeLessThanOrEqual(worstCaseBound(pattern, path));
  });

  it("grows linearly with the path, not exponentially with the wildcards", () => {
    const pattern = "/**a**a**a**a**a**a**a**a**b";
    const stepsFor = (length: number) => {
      const steps = { count: 0 };
      compileGlob(pattern).matches(`/${"a".repeat(length)}`, steps);
      return steps.count;
    };
    // A backtracking matcher needs about length^8 steps here; this one about 17 per character.
    expect(stepsFor(200)).toBeLessThanOrEqual(2.1 * stepsFor(100));
    expect(stepsFor(200)).toBeLessThan(200 * 40);
  });

  it("the role schema refuses patterns with too many wildcards, and says so", () => {
    const rule = (value: string) => [
      { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "secretPath", operator: "glob", value }] },
    ];
    const schema = permissionRulesSchema(projectSubjects("SECRET_MANAGER"));
    expect(schema.safeParse(rule(`/${"*a".repeat(MAX_GLOB_WILDCARDS)}`)).success).toBe(true);
    const refused = schema.safeParse(rule(`/${"*a".repeat(MAX_GLOB_WILDCARDS + 1)}`));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/at most 16 wildcards/);
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
