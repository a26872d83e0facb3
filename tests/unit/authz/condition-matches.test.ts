import { describe, expect, it } from "vitest";
import { describeUnmatched, unmatchedConditions } from "@/lib/platform/authz/condition-matches";

const known = {
  environment: [
    { value: "development", label: "Development" },
    { value: "production", label: "Production" },
  ],
  secretPath: [
    { value: "/", label: "/" },
    { value: "/api", label: "/api" },
  ],
};

describe("conditions that match nothing", () => {
  it("finds each value of eq, ne, in and glob conditions that matches no known value, with what it probably meant", () => {
    const found = unmatchedConditions(
      [
        { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "environment", operator: "eq", value: "Production" }] },
        {
          subject: "secret",
          actions: ["read-value"],
          conditions: [
            { field: "environment", operator: "ne", value: "prod" },
            { field: "secretPath", operator: "glob", value: "/api/**" },
          ],
        },
        {
          subject: "secret",
          actions: ["edit"],
          conditions: [
            { field: "environment", operator: "in", value: ["development", "Staging"] },
            { field: "secretPath", operator: "glob", value: "/apps/**" },
          ],
        },
        { subject: "secret", actions: ["edit"], conditions: [{ field: "name", operator: "glob", value: "*.anything" }] },
      ],
      known,
    );
    expect(found).toEqual([
      { rule: 0, condition: 0, field: "environment", value: "Production", suggestion: "production" },
      { rule: 1, condition: 0, field: "environment", value: "prod", suggestion: null },
      { rule: 2, condition: 0, field: "environment", value: "Staging", suggestion: null },
      { rule: 2, condition: 1, field: "secretPath", value: "/apps/**", suggestion: null },
    ]);
    expect(describeUnmatched(found[0]!)).toBe('"Production" matches no environment (did you mean "production"?)');
    expect(describeUnmatched(found[3]!)).toBe('"/apps/**" matches no folder');
  });
});
