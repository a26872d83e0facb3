"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import { useFormAction } from "./use-form-action";

/**
 * A dialog that makes something shown only once (a token, a key, a link): a made result stays
 * on show, the form cleared (`clearForm`) for another, until the dialog closes; the page refreshes.
 */
export function useShownOnceDialog<Input, Output>(action: (input: Input) => Promise<ActionResult<Output>>, clearForm: () => void) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<Output | null>(null);
  const form = useFormAction(action, (result) => {
    setMade(result);
    clearForm();
    router.refresh();
  });
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setMade(null);
  };
  return { ...form, open, onOpenChange, made };
}
