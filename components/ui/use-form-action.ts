"use client";

import { useEffect, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import type { FieldErrors } from "@/lib/platform/errors";
import { useStepUp } from "./step-up";

/**
 * Submits a controlled form's values to a server action and keeps what the person typed
 * on failure (React resets uncontrolled forms after a form action; we do not use those).
 * When the org asks for a step-up first, the person gives it and the action runs again.
 */
export function useFormAction<Input, Output>(action: (input: Input) => Promise<ActionResult<Output>>, onSuccess?: (data: Output) => void | Promise<void>) {
  const run = useStepUp(action);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  // Bumped by a refusal that names fields: once it is on screen, focus goes to the first one.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalidField();
  }, [refusals]);

  function submit(input: Input) {
    startTransition(async () => {
      try {
        const result = await run(input);
        if (result.ok) {
          setFieldErrors({});
          setFormError(undefined);
          await onSuccess?.(result.data);
        } else {
          setFieldErrors(result.fieldErrors ?? {});
          setFormError(result.formError);
          if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) setRefusals((count) => count + 1);
        }
      } catch {
        setFormError("We could not reach the server. Check your connection and try again.");
      }
    });
  }

  return { submit, pending, fieldErrors, formError, setFieldErrors, setFormError };
}

/** The first field marked invalid, in the open dialog if there is one, else on the page. */
function focusFirstInvalidField(): void {
  const scope = document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]') ?? document;
  scope.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
