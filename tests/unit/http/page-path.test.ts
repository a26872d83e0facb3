import { describe, expect, it } from "vitest";
import { projectOfPagePath } from "@/lib/platform/http/page-path";

describe("projectOfPagePath", () => {
  it("names the org and project of a project's pages, and nothing else", () => {
    expect(projectOfPagePath("/orgs/acme/projects/payments")).toEqual({ orgSlug: "acme", projectSlug: "payments" });
    expect(projectOfPagePath("/orgs/acme/projects/payments/secrets/compare")).toEqual({ orgSlug: "acme", projectSlug: "payments" });
    expect(projectOfPagePath("/orgs/acme/projects/pay%2Dments/members")).toEqual({ orgSlug: "acme", projectSlug: "pay-ments" });
    for (const path of [
      "/orgs/acme",
      "/orgs/acme/projects",
      "/orgs/acme/projects/",
      "/orgs/acme/members",
      "/projects/x",
      "/orgs/acme/projects/%E0%A4%A",
      null,
    ]) {
      expect(projectOfPagePath(path)).toBeNull();
    }
  });
});
