"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { confirmTotpEnrolmentAction, regenerateRecoveryCodesAction, removeTotpAction, startTotpEnrolmentAction } from "@/lib/platform/actions/account-actions";

type Enrolment = { secret: string; qrSvg: string };

type Props = {
  enabled: boolean;
  recoveryCodesLeft: number;
  /** An enrolment started and not yet confirmed (a refresh keeps the same key). */
  pending: Enrolment | null;
};

/** The recovery codes, once: to copy or write down before anything else happens. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="mt-3 flex flex-col gap-2" role="region" aria-label="Recovery codes">
      <p className="text-sm text-slate-700">
        Keep these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are shown only now.
      </p>
      <ul className="grid grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <CopyButton text={codes.join("\n")} label="Copy the recovery codes" />
      <Button onClick={onDone}>I have saved them</Button>
    </div>
  );
}

/** The account page's two-factor sign-in: set up an authenticator app, new recovery codes, turn it off. */
export function TwoFactorCard({ enabled, recoveryCodesLeft, pending }: Props) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(pending);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<"remove" | "regenerate" | null>(null);
  const start = useFormAction(startTotpEnrolmentAction, (data) => setEnrolment(data));
  const confirm = useFormAction(confirmTotpEnrolmentAction, (data) => {
    setCodes(data.recoveryCodes);
    setEnrolment(null);
    setCode("");
  });
  const remove = useFormAction(removeTotpAction, () => {
    setAsking(null);
    setCode("");
    router.refresh();
  });
  const regenerate = useFormAction(regenerateRecoveryCodesAction, (data) => {
    setAsking(null);
    setCode("");
    setCodes(data.recoveryCodes);
  });
  const done = () => {
    setCodes(null);
    router.refresh();
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={done} />;

  if (enabled) {
    const action = asking === "remove" ? remove : regenerate;
    return (
      <div className="mt-2 flex flex-col gap-3 text-sm">
        <p>
          <span className="font-medium text-green-800">On</span> with an authenticator app. {recoveryCodesLeft} recovery{" "}
          {recoveryCodesLeft === 1 ? "code" : "codes"} left.
        </p>
        {asking ? (
          <form
            className="flex flex-col gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              action.submit({ code });
            }}>
            <FormMessage message={action.formError} />
            <TextField
              label={asking === "remove" ? "A current code, or a recovery code" : "A current code from the app"}
              autoComplete="one-time-code"
              autoFocus
              value={code}
              onChange={(event) => setCode(event.target.value)}
              errors={action.fieldErrors.code}
            />
            <div className="flex gap-2">
              <Button type="submit" variant={asking === "remove" ? "danger" : "primary"} disabled={action.pending}>
                {asking === "remove" ? "Turn off two-factor sign-in" : "Make new recovery codes"}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setAsking(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setAsking("regenerate")}>
              New recovery codes
            </Button>
            <Button variant="secondary" onClick={() => setAsking("remove")}>
              Turn off
            </Button>
          </div>
        )}
      </div>
    );
  }

  if (!enrolment) {
    return (
      <div className="mt-2 flex flex-col gap-3 text-sm">
        <p className="text-slate-700">
          Off. Sign-in asks for your password only. Add an authenticator app (1Password, Google Authenticator, Authy…) for a second step.
        </p>
        <FormMessage message={start.formError} />
        <Button className="self-start" disabled={start.pending} onClick={() => start.submit(undefined)}>
          Set up an authenticator app
        </Button>
      </div>
    );
  }

  return (
    <form
      className="mt-2 flex flex-col gap-3 text-sm"
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
