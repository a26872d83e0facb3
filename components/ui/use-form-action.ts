"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import type { FieldErrors } from "@/lib/platform/errors";

/**
 * Submits a controlled form's values to a server action and keeps what the person typed
 * on failure (React resets uncontrolled forms after a form action; we do not use those).
 */
export function useFormAction<Input, Output>(action: (input: Input) => Promise<ActionResult<Output>>, onSuccess?: (data: Output) => void | Promise<void>) {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();

  function submit(input: Input) {
    startTransition(async () => {
      try {
        const result = await action(input);
        if (result.ok) {
          setFieldErrors({});
          setFormError(undefined);
          await onSuccess?.(result.data);
        } else {
          setFieldErrors(result.fieldErrors ?? {});
          setFormError(result.formError);
        }
      } catch {
        setFormError("We could not reach the server. Check your connection and try again.");
      }
    });
  }

  return { submit, pending, fieldErrors, formError, setFieldErrors, setFormError };
}
