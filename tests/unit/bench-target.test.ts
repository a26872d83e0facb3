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
  });
});
