import type { FieldErrors } from "../errors.ts";

/** What every server action returns to its form. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: FieldErrors; planLimit?: PlanLimit; stepUp?: StepUpNeed };

/** Set when the org asks for the second factor again first (the page offers to give it and retries). */
export type StepUpNeed = "verify" | "enrol";

/** Set when the org's plan refused the write: which limit, and how much of it is used. */
export type PlanLimit = { code: "PLAN_LIMIT"; meter: string; limit: number; used: number };
