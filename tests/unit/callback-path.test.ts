import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/platform/auth/callback-path";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps paths on our origin", () => {
    expect(safeCallbackPath("/orgs/acme?tab=members", ORIGIN)).toBe("/orgs/acme?tab=members");
    expect(safeCallbackPath("http://localhost:3000/account", ORIGIN)).toBe("/account");
  });

  it("sends everything else home", () => {
    for (const raw of [null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      expect(safeCallbackPath(raw, ORIGIN), String(raw)).toBe("/");
    }
  });
});
