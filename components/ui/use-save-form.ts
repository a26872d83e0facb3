"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import { useFormAction } from "./use-form-action";

/** A settings form that saves in place: refreshes the page and says "Saved." until the next try. */
export function useSaveForm<Input>(action: (input: Input) => Promise<ActionResult<unknown>>) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useFormAction(action, () => {
    setSaved(true);
    router.refresh();
  });
  return {
    ...form,
    saved: saved && !form.pending,
    save(input: Input) {
      setSaved(false);
      form.submit(input);
    },
  };
}
