import { describe, expect, it } from "vitest";
import { buildAbility } from "@/lib/platform/authz/ability";
import { projectSubjects } from "@/lib/platform/authz/catalogue";
import type { PermissionRule } from "@/lib/platform/authz/rules";
import { describeRuleChanges, summarizeRules } from "@/lib/platform/authz/summarize-rules";

const subjects = projectSubjects("SECRET_MANAGER");

const exceptProduction: PermissionRule[] = [
  { subject: "secret", actions: ["describe", "read-value"] },
  { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "environment", operator: "eq", value: "production" }] },
];

describe("the plain-language summary of a role", () => {
  it("says what is allowed, then what is never allowed and where", () => {
    expect(summarizeRules(exceptProduction, subjects)).toEqual([
      "Secrets: can see keys and read values.",
      'Secrets: never read values, where the environment is "production".',
    ]);
  });

  it("reads conditions on paths and lists", () => {
    const rules: PermissionRule[] = [
      {
        subject: "secret",
        actions: ["edit"],
        conditions: [
          { field: "secretPath", operator: "glob", value: "/api/**" },
          { field: "environment", operator: "in", value: ["dev", "staging"] },
        ],
      },
    ];
    expect(summarizeRules(rules, subjects)).toEqual([
      'Secrets: can edit, only where the path matches "/api/**" and the environment is one of "dev", "staging".',
    ]);
    expect(summarizeRules([], subjects)).toEqual(["Grants nothing."]);
    // A rule just added in the editor, nothing ticked yet: no "never ." in the panel.
    expect(summarizeRules([{ subject: "secret", actions: [], inverted: true }], subjects)).toEqual(["Secrets: no action chosen yet."]);
  });

  it("lists what a save adds and takes away", () => {
    const after: PermissionRule[] = [{ subject: "secret", actions: ["describe"] }];
    expect(describeRuleChanges(exceptProduction, after, subjects)).toEqual({
      added: ["Secrets: can see keys."],
      removed: ["Secrets: can see keys and read values.", 'Secrets: never read values, where the environment is "production".'],
    });
  });
});

describe("holding a permission, for the boundary rule", () => {
  it("needs an allow without conditions and no deny anywhere", () => {
    const ability = buildAbility([
      ...exceptProduction,
      { subject: "environment", actions: ["read"] },
      { subject: "secret", actions: ["edit"], conditions: [{ field: "secretPath", operator: "glob", value: "/api/**" }] },
    ]);
    expect(ability.holds("environment:read")).toBe(true);
    expect(ability.holds("secret:describe")).toBe(true);
    // Allowed, but not in production: not held everywhere.
    expect(ability.holds("secret:read-value")).toBe(false);
    expect(ability.can("secret:read-value", { environment: "staging", secretPath: "/" })).toBe(true);
    // Allowed only under /api: not held everywhere.
    expect(ability.holds("secret:edit")).toBe(false);
    expect(ability.holds("secret:delete")).toBe(false);
  });
});
