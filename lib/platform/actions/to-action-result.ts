import "server-only";
import { z } from "zod";
import { planLimitOf } from "../billing/limits.ts";
import { isDatabaseUnavailable } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError, StepUpRequiredError, ValidationError } from "../errors.ts";
import type { ActionResult } from "./action-result.ts";

/** What a form shows while the database cannot be reached; the transaction did not commit (or its outcome is unknown). */
export const DATABASE_UNAVAILABLE =
  "Tessera cannot reach its database right now. Try again in a moment; if you were changing something, check whether it took.";

/**
 * Runs a server action's domain work (never a redirect) and turns known failures into a typed result for the form.
 * Unknown errors are logged and reported generically: raw exception text never reaches
 * the browser.
 */
export async function toActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, fieldErrors: z.flattenError(error).fieldErrors };
    if (error instanceof ValidationError) return { ok: false, fieldErrors: error.fieldErrors };
    const planLimit = planLimitOf(error);
    if (planLimit) return { ok: false, formError: (error as Error).message, planLimit };
    if (error instanceof RefusedError) return { ok: false, formError: error.message };
    if (error instanceof StepUpRequiredError) return { ok: false, formError: error.message, stepUp: error.need };
    if (error instanceof ForbiddenError) {
      return { ok: false, formError: "Your role does not allow this. Ask an admin of this organization." };
    }
    if (error instanceof NotFoundError) return { ok: false, formError: "Not found. It may have been deleted, or you may not have access." };
    if (isDatabaseUnavailable(error)) {
      console.error("Server action failed: the database is unavailable", error instanceof Error ? error.message : error);
      return { ok: false, formError: DATABASE_UNAVAILABLE };
    }
    console.error("Server action failed", error);
    return { ok: false, formError: "Something went wrong on our side. Please try again." };
  }
}
