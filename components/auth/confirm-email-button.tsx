"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { confirmEmailAction } from "@/lib/platform/actions/auth-actions";

export function ConfirmEmailButton({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(confirmEmailAction, ({ nextPath }) => {
    const query = new URLSearchParams({ notice: "email-confirmed", ...(nextPath ? { callbackUrl: nextPath } : {}) });
    router.replace(`/login?${query}`);
  });
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        Confirm that <strong>{email}</strong> is your address.
      </p>
      <FormMessage message={formError} />
      <Button type="button" disabled={pending} onClick={() => submit({ token })}>
        {pending ? "Confirming…" : "Confirm my email address"}
      </Button>
    </div>
  );
}
