"use client";

import { useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { resendConfirmationAction } from "@/lib/platform/actions/auth-actions";

/** After a sign-up with mail set up: the same words whether or not the address had an account. */
export function CheckInbox({ email, then }: { email: string; then?: string }) {
  const [resent, setResent] = useState(false);
  const { submit, pending, formError } = useFormAction(resendConfirmationAction, () => setResent(true));
  return (
    <div role="status" className="flex flex-col gap-2 text-sm text-slate-700">
      <h2 className="text-base font-semibold text-slate-900">Check your inbox</h2>
      <p>
        We sent a mail to <strong>{email}</strong>. Open the link in it to confirm your address{then ? `, ${then}` : ""}.
      </p>
      <p className="text-slate-500">No mail within a few minutes? Look in your spam folder, or ask for a new link.</p>
      <FormMessage message={formError} />
      <button
        type="button"
        disabled={pending || resent}
        onClick={() => submit({ email })}
        className="self-start text-brand-600 underline-offset-2 hover:underline disabled:text-slate-500">
        {resent ? "Sent again" : pending ? "Sending…" : "Send the link again"}
      </button>
    </div>
  );
}
