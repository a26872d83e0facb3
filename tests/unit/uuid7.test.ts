import { describe, expect, it } from "vitest";
import { uuid7 } from "@/lib/platform/uuid7";

describe("uuid7", () => {
  it("is a version 7, variant 1 UUID that starts with its millisecond time", () => {
    const id = uuid7(0x0123456789ab);
    expect(id).toMatch(/^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid7(1) < uuid7(2)).toBe(true);
    expect(uuid7(5)).not.toBe(uuid7(5));
  });

  it("keeps the order ids were made in within one millisecond", () => {
    const ids = Array.from({ length: 1000 }, () => uuid7(7));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
