import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/platform/format-duration";

describe("formatDuration", () => {
  it("says seconds in at most two units, and 'about' when it drops a remainder", () => {
    expect(formatDuration(7200)).toBe("2 hours");
    expect(formatDuration(5400)).toBe("1 hour 30 minutes");
    expect(formatDuration(2_592_000)).toBe("30 days");
    expect(formatDuration(86_400 + 3600 + 1)).toBe("about 1 day 1 hour");
    expect(formatDuration(1)).toBe("1 second");
    expect(formatDuration(0)).toBe("0 seconds");
  });
});
