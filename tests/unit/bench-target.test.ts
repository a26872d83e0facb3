import { describe, expect, it } from "vitest";
import { withinTarget } from "../../scripts/lib/bench-metric";

describe("bench targets", () => {
  it("judges ratios for × targets and values otherwise; reported or untargeted metrics are not judged", () => {
    const metric = { metric: "m", unit: "ms", value: 30, ratio: 5.2 };
    expect(withinTarget({ ...metric, target: "≤ 5×" })).toBe(false);
    expect(withinTarget({ ...metric, ratio: 5, target: "≤ 5×" })).toBe(true);
    expect(withinTarget({ ...metric, ratio: 0.21, target: "≥ 0.5×, 0 errors" })).toBe(false);
    expect(withinTarget({ ...metric, value: 4, target: "≤ 4" })).toBe(true);
    expect(withinTarget({ ...metric, value: 451, target: "≤ 450" })).toBe(false);
    expect(withinTarget({ ...metric, target: "reported" })).toBeNull();
    expect(withinTarget(metric)).toBeNull();
    expect(withinTarget({ metric: "m", unit: "ms", value: 1, target: "≤ 2.5×" })).toBeNull();
    // Judged unrounded: a printed 0.5 that is 0.496, and a printed 2.5 that is 2.504, miss.
    expect(withinTarget({ metric: "m", unit: "requests/s", value: 113.3, baseline: 228.3, ratio: 0.5, target: "≥ 0.5×, 0 errors" })).toBe(false);
    expect(withinTarget({ metric: "m", unit: "ms", value: 12.52, baseline: 5, ratio: 2.5, target: "≤ 2.5×" })).toBe(false);
    expect(withinTarget({ metric: "m", unit: "ms", value: 12.5, baseline: 5, ratio: 2.5, target: "≤ 2.5×" })).toBe(true);
  });
});
