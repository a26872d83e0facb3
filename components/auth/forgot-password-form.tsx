"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { requestPasswordResetAction } from "@/lib/platform/actions/auth-actions";
import { EmailField } from "./email-field";

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useFormAction(requestPasswordResetAction, () => setSentTo(email));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ email });
  }
  if (sentTo) {
    return (
      <p role="status" className="text-sm text-slate-700">
        If <strong>{sentTo}</strong> has a Tessera account, a link to set a new password is on its way. It works once, for an hour.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <EmailField autoFocus value={email} onChange={setEmail} errors={fieldErrors.email} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send me a link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-600 underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
