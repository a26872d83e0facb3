import { describe, expect, it } from "vitest";
import { emailSchema, normalizeEmail } from "@/lib/platform/email-address";

describe("email normalisation", () => {
  it("lower-cases and trims", () => {
    expect(normalizeEmail("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
  });

  it("folds compatibility characters with NFKC before anything else", () => {
    expect(normalizeEmail("ａｄａ@ｅｘａｍｐｌｅ.com")).toBe("ada@example.com"); // full-width
    expect(normalizeEmail("ﬁnn@example.com")).toBe("finn@example.com"); // the "ﬁ" ligature
  });

  it("validates after normalising, with a human message", () => {
    expect(emailSchema.parse(" ＡＤＡ@Example.com")).toBe("ada@example.com");
    const result = emailSchema.safeParse("not-an-email");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a valid email address, like you@example.com");
  });
});
