"use client";

import { createContext, useCallback, useContext } from "react";
import type { ActionResult, StepUpNeed } from "@/lib/platform/actions/action-result";

/** Asks the person for their second factor again; resolves true once it passed, false if they gave up. */
export type AskStepUp = (need: StepUpNeed, message: string | undefined) => Promise<boolean>;

/** Provided once for the whole app (components/auth/step-up-provider), which owns the dialog. */
export const StepUpContext = createContext<AskStepUp | null>(null);

/**
 * The action, retried once after a step-up when the org asked for one: the person confirms
 * with their second factor in a dialog and what they were doing carries on. Giving up leaves
 * the refusal as the answer.
 */
export function useStepUp<Input, Output>(action: (input: Input) => Promise<ActionResult<Output>>): (input: Input) => Promise<ActionResult<Output>> {
  const ask = useContext(StepUpContext);
  return useCallback(
    async (input: Input) => {
      const result = await action(input);
      if (result.ok || !result.stepUp || !ask) return result;
      return (await ask(result.stepUp, result.formError)) ? action(input) : result;
    },
    [action, ask],
  );
}
