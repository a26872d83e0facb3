"use client";

import { AlertDialog } from "radix-ui";
import type { ReactNode } from "react";
import { Button } from "./button";
import { FormMessage } from "./form-message";
import { dialogPanelClass } from "./dialog-panel";

export type ConfirmDialogProps = {
  /** The button that opens it; absent when the dialog is opened from elsewhere (open/onOpenChange). */
  trigger?: string;
  /** The trigger's accessible name when its text alone is ambiguous ("Remove" whom?). */
  triggerLabel?: string;
  title: string;
  body: string;
  /** More to weigh before confirming, below the body (what else the step will undo). */
  details?: ReactNode;
  confirm: string;
  /** Red (the default) for a step that takes something away; blue for one that only gives. */
  confirmVariant?: "danger" | "primary";
  pending: boolean;
  /** Holds the confirm button back until there is something to confirm (a choice in the details). */
  confirmDisabled?: boolean;
  formError?: string;
  onConfirm: () => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes on close when there is no trigger to return to. */
  returnFocusTo?: () => HTMLElement | null;
};

/** Asks before a destructive step, and shows a refusal inside the dialog. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      {props.trigger ? (
        <AlertDialog.Trigger asChild>
          <Button variant="secondary" className="px-3 py-1" aria-label={props.triggerLabel}>
            {props.trigger}
          </Button>
        </AlertDialog.Trigger>
      ) : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          onCloseAutoFocus={(event) => {
            const target = props.returnFocusTo?.();
            if (target) {
              event.preventDefault();
              target.focus();
            }
          }}
          className={dialogPanelClass("md")}>
          <AlertDialog.Title className="text-lg font-semibold">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{props.body}</AlertDialog.Description>
          {props.details ? <div className="mt-2 text-sm text-slate-700">{props.details}</div> : null}
          <div className="mt-4">
            <FormMessage message={props.formError} />
          </div>
          <div className="mt-4 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant={props.confirmVariant ?? "danger"} disabled={props.pending || props.confirmDisabled} onClick={props.onConfirm}>
              {props.pending ? "Working…" : props.confirm}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
