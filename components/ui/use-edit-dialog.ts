"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import { useFormAction } from "./use-form-action";

/**
 * A dialog that edits something that exists: opening starts from it as it is now (last
 * refusal cleared); a failed save keeps what was typed until the dialog closes; a saved one
 * closes it and refreshes the page.
 */
export function useEditDialog<Input, Output, Draft>(action: (input: Input) => Promise<ActionResult<Output>>, current: Draft) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(current);
  const form = useFormAction(action, () => {
    setOpen(false);
    router.refresh();
  });
  const onOpenChange = (next: boolean) => {
    if (next) {
      setDraft(current);
      form.setFieldErrors({});
      form.setFormError(undefined);
    }
    setOpen(next);
  };
  return { ...form, open, onOpenChange, draft, setDraft };
}
