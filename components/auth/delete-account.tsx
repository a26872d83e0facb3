"use client";

import { AlertDialog } from "radix-ui";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteAccountAction } from "@/lib/platform/actions/account-actions";
import { dialogPanelClass } from "@/components/ui/dialog-panel";

/** Deleting the account is final: the person confirms with their password. */
export function DeleteAccount() {
  const [password, setPassword] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(deleteAccountAction, () => signOut({ callbackUrl: "/login" }));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ password });
  }
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="danger">Delete account</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className={dialogPanelClass("md")}>
          <AlertDialog.Title className="text-lg font-semibold">Delete your account?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            You leave every organization and project, and your account is deleted for good. This cannot be undone.
          </AlertDialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={formError} />
            <TextField
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              errors={fieldErrors.password}
            />
            <div className="flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Deleting…" : "Delete my account"}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
