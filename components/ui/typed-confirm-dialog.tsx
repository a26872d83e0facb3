"use client";

import { AlertDialog } from "radix-ui";
import { useState, type FormEvent } from "react";
import { Button } from "./button";
import { FormMessage } from "./form-message";
import { TextField } from "./text-field";
import { dialogPanelClass } from "./dialog-panel";

type Props = {
  trigger: string;
  title: string;
  description: string;
  /** What the person must type (a slug) before the button works. */
  expected: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  formError?: string;
  errors?: string[];
  onConfirm: (confirmation: string) => void;
};

/** For what cannot be undone: the person types the thing's slug to confirm. */
export function TypedConfirmDialog(props: Props) {
  const [confirmation, setConfirmation] = useState("");
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onConfirm(confirmation);
  }
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="danger">{props.trigger}</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className={dialogPanelClass("md")}>
          <AlertDialog.Title className="text-lg font-semibold">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{props.description}</AlertDialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={props.formError} />
            <TextField
              label={`Type ${props.expected} to confirm`}
              name="confirmation"
              autoComplete="off"
              spellCheck={false}
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              errors={props.errors}
            />
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={props.pending || confirmation.trim() !== props.expected}>
                {props.pending ? props.pendingLabel : props.confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
