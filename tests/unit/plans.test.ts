import { describe, expect, it } from "vitest";
import { DEFAULT_PLANS, plansFrom } from "@/lib/platform/billing/plans";

describe("plan files (TESSERA_PLANS)", () => {
  it("lays overrides over the built-in plans, leaving the rest as they are", () => {
    const plans = plansFrom(JSON.stringify({ FREE: { name: "Starter", limits: { seats: 10, pamAccounts: null }, features: { pam: false } } }));
    expect(plans.FREE).toEqual({
      name: "Starter",
      limits: { ...DEFAULT_PLANS.FREE.limits, seats: 10, pamAccounts: null },
      features: { ...DEFAULT_PLANS.FREE.features, pam: false },
    });
    expect(plans.PRO).toEqual(DEFAULT_PLANS.PRO);
    expect(plansFrom(undefined)).toBe(DEFAULT_PLANS);
  });

  it("refuses a file it cannot trust, naming what is wrong", () => {
    expect(() => plansFrom("{", "plans.json")).toThrow(/^plans.json is not JSON/);
    expect(() => plansFrom(JSON.stringify({ GOLD: {} }), "plans.json")).toThrow(/not a plan file/);
    expect(() => plansFrom(JSON.stringify({ FREE: { limits: { seat: 3 } } }), "plans.json")).toThrow(/not a plan file/);
    expect(() => plansFrom(JSON.stringify({ FREE: { limits: { seats: -1 } } }), "plans.json")).toThrow(/not a plan file/);
  });
});
