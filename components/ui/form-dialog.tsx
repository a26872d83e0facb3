"use client";

import { Dialog } from "radix-ui";
import type { FormEvent, ReactNode } from "react";
import { Button } from "./button";
import { FormMessage } from "./form-message";
import { DIALOG_ACTIONS_CLASS, dialogPanelClass } from "./dialog-panel";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: string;
  description: string;
  formError?: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  onSubmit: () => void;
  children: ReactNode;
  /** What the form produced, shown instead of the form (a one-time link), with a Done button. */
  result?: ReactNode;
};

/** A modal form: title, description, the form-level message, fields, Cancel and submit; then, if it has one, its result alone. */
export function FormDialog(props: Props) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSubmit();
  }
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Trigger asChild>{props.trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className={dialogPanelClass("lg")}>
          <Dialog.Title className="text-lg font-semibold">{props.title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{props.description}</Dialog.Description>
          {props.result ? (
            <div className="mt-4 flex flex-col gap-4">
              {props.result}
              <div className="flex justify-end">
                <Dialog.Close asChild>
                  <Button>Done</Button>
                </Dialog.Close>
              </div>
            </div>
          ) : (
            <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
              <FormMessage message={props.formError} />
              {props.children}
              <div className={DIALOG_ACTIONS_CLASS}>
                <Dialog.Close asChild>
                  <Button variant="secondary">Cancel</Button>
                </Dialog.Close>
                <Button type="submit" disabled={props.pending}>
                  {props.pending ? props.pendingLabel : props.submitLabel}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
