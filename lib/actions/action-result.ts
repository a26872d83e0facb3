import type { FieldErrors } from "../errors.ts";

/** What every server action returns to its form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors?: FieldErrors };
