"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import type { FieldErrors } from "@/lib/platform/errors";
import { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
import { useFormAction } from "./use-form-action";

type Props<Input, Output> = Omit<ConfirmDialogProps, "pending" | "formError" | "onConfirm" | "open" | "onOpenChange" | "details"> & {
  action: (input: Input) => Promise<ActionResult<Output>>;
  /** What is sent on confirm, as it stands when the person confirms. */
  input: Input;
  /** Fields asked inside the dialog (a reason), given the action's refusals to show at them. */
  details?: ReactNode | ((fieldErrors: FieldErrors) => ReactNode);
  /** Where to go once it is done; without it the page is refreshed where it is. */
  goTo?: string | ((data: Output) => string);
  onDone?: (data: Output) => void;
};

/**
 * A button that asks before a server action and runs it: the refusal shows inside the
 * dialog, which closes on success before the page refreshes or moves on. Every "delete",
 * "revoke", "leave" in the console is one of these.
 */
export function ConfirmActionButton<Input, Output>({ action, input, details, goTo, onDone, ...dialog }: Props<Input, Output>) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { submit, pending, formError, fieldErrors } = useFormAction(action, (data) => {
    setOpen(false);
    onDone?.(data);
    if (goTo !== undefined) router.push(typeof goTo === "function" ? goTo(data) : goTo);
    router.refresh();
  });
  return (
    <ConfirmDialog
      {...dialog}
      open={open}
      onOpenChange={setOpen}
      details={typeof details === "function" ? details(fieldErrors) : details}
      pending={pending}
      formError={formError}
      onConfirm={() => submit(input)}
    />
  );
}
