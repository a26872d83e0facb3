"use client";

import { AlertDialog } from "radix-ui";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { signOutEverywhereAction } from "@/lib/platform/actions/account-actions";
import { dialogPanelClass } from "@/components/ui/dialog-panel";

export function SignOutEverywhere() {
  const { submit, pending, formError } = useFormAction(signOutEverywhereAction, () => signOut({ callbackUrl: "/login" }));
  return (
    <AlertDialog.Root>
      <FormMessage message={formError} />
      <AlertDialog.Trigger asChild>
        <Button variant="danger">Sign out everywhere</Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className={dialogPanelClass("md")}>
          <AlertDialog.Title className="text-lg font-semibold">Sign out of every session?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            Every browser and device signed in to your account, including this one, will need to sign in again.
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant="danger" disabled={pending} onClick={() => submit(undefined)}>
              {pending ? "Signing out…" : "Sign out everywhere"}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
