"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "@/lib/platform/actions/account-actions";

export type Enrolment = { secret: string; qrSvg: string };

/** Setting up an authenticator app: a key as a QR code and as text, confirmed with a code from it. */
export function TotpEnrolment({ pending, onConfirmed }: { pending: Enrolment | null; onConfirmed: (recoveryCodes: string[] | null) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(pending);
  const [code, setCode] = useState("");
  const start = useFormAction(startTotpEnrolmentAction, (data) => setEnrolment(data));
  const confirm = useFormAction(confirmTotpEnrolmentAction, (data) => {
    setEnrolment(null);
    setCode("");
    onConfirmed(data.recoveryCodes);
  });

  if (!enrolment) {
    return (
      <div className="flex flex-col gap-2">
        <FormMessage message={start.formError} />
        <Button variant="secondary" className="self-start" disabled={start.pending} onClick={() => start.submit(undefined)}>
          Set up an authenticator app
        </Button>
      </div>
    );
  }
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        confirm.submit({ code });
      }}>
      <p className="text-slate-700">Scan this code with your authenticator app, or type the key into it. Then enter the 6-digit code it shows.</p>
      {/* The SVG is made on the server by the qrcode package from the otpauth URI: no user input in it. */}
      <div role="img" aria-label="QR code of the key for your authenticator app" className="h-44 w-44" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p>
        Key:{" "}
        <code data-testid="totp-key" className="font-mono break-all">
          {enrolment.secret}
        </code>
      </p>
      <FormMessage message={confirm.formError} />
      <TextField
        label="Code from the app"
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        errors={confirm.fieldErrors.code}
      />
      <Button type="submit" className="self-start" disabled={confirm.pending}>
        {confirm.pending ? "Checking…" : "Turn on two-factor sign-in"}
      </Button>
    </form>
  );
}
