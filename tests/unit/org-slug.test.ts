import { describe, expect, it } from "vitest";
import { orgSlugSchema, suggestSlug } from "@/lib/platform/slugs";

function slugError(slug: string): string | undefined {
  const result = orgSlugSchema.safeParse(slug);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("org slug rules", () => {
  it("accepts lower-case letters, digits and single inner hyphens", () => {
    for (const slug of ["acme", "a1", "acme-corp", "team-42-eu", "x".repeat(63)]) {
      expect(slugError(slug), slug).toBeUndefined();
    }
  });

  it("refuses reserved words with a message naming them", () => {
    for (const slug of ["api", "login", "new", "settings", "admin", "onboarding"]) {
      expect(slugError(slug)).toBe(`"${slug}" is reserved. Choose another slug.`);
    }
  });

  it("refuses upper case rather than silently changing it", () => {
    expect(slugError("Acme")).toBe("Use lower-case letters only");
  });

  it("refuses look-alike letters from other scripts", () => {
    expect(slugError("\u0430cme")).toBe("Use only the letters a–z, digits and hyphens"); // Cyrillic а
    expect(slugError("ａｃｍｅ")).toBe("Use only the letters a–z, digits and hyphens"); // full-width
    expect(slugError("acme\u200b")).toBe("Use only the letters a–z, digits and hyphens"); // zero-width space
  });

  it("refuses slugs that are too long or too short", () => {
    expect(slugError("x".repeat(64))).toBe("Use at most 63 characters");
    expect(slugError("a")).toBe("Use at least 2 characters");
  });

  it("refuses stray hyphens and other characters", () => {
    for (const slug of ["-acme", "acme-", "ac--me", "ac_me", "ac me", "acme.io"]) {
      expect(slugError(slug), slug).toMatch(/single hyphens/);
    }
  });

  it("suggests a valid slug from a display name", () => {
    expect(suggestSlug("Acme Café, Inc.")).toBe("acme-cafe-inc");
    expect(suggestSlug("  Ünïcode   Team ")).toBe("unicode-team");
    expect(suggestSlug("API")).toBe("api-org");
    expect(suggestSlug("!!!")).toBe("");
    expect(suggestSlug("x".repeat(80))).toHaveLength(63);
    for (const name of ["Acme Café, Inc.", "API", "Q", "x".repeat(80)]) {
      expect(slugError(suggestSlug(name)), name).toBeUndefined();
    }
  });
});
