"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { regenerateRecoveryCodesAction, removeTotpAction } from "@/lib/platform/actions/account-actions";
import { PasskeyList, type PasskeyRow } from "./passkey-list";
import { ProvenAction } from "./proven-action";
import { RecoveryCodes } from "./recovery-codes";
import { TotpEnrolment, type Enrolment } from "./totp-enrolment";

type Props = {
  totp: boolean;
  passkeys: PasskeyRow[];
  recoveryCodesLeft: number;
  /** An authenticator enrolment started and not yet confirmed (a refresh keeps the same key). */
  pending: Enrolment | null;
};

function summary({ totp, passkeys, recoveryCodesLeft }: Props): string {
  const factors = [
    totp ? "an authenticator app" : null,
    passkeys.length > 0 ? `${passkeys.length} ${passkeys.length === 1 ? "passkey" : "passkeys"}` : null,
  ].filter(Boolean);
  if (factors.length === 0)
    return "Off. Sign-in asks for your password only. Add an authenticator app (1Password, Google Authenticator, Authy…) or a passkey for a second step.";
  return `On with ${factors.join(" and ")}. ${recoveryCodesLeft} recovery ${recoveryCodesLeft === 1 ? "code" : "codes"} left.`;
}

/** The account page's two-factor sign-in: the authenticator app, passkeys, and recovery codes. */
export function TwoFactorCard(props: Props) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<"remove-app" | "new-codes" | null>(null);
  const enabled = props.totp || props.passkeys.length > 0;
  const refresh = () => {
    setAsking(null);
    router.refresh();
  };

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  }
  return (
    <div className="mt-2 flex flex-col gap-5 text-sm">
      <p>{summary(props)}</p>
      <section aria-labelledby="two-factor-app" className="flex flex-col gap-2">
        <h3 id="two-factor-app" className="font-medium">
          Authenticator app
        </h3>
        {props.totp ? (
          asking === "remove-app" ? (
            <ProvenAction
              action={removeTotpAction}
              input={{}}
              prompt="Remove the authenticator app? Its codes will no longer sign you in."
              submitLabel="Remove the app"
              danger
              onCancel={() => setAsking(null)}
              onDone={refresh}
            />
          ) : (
            <div className="flex items-center gap-3">
              <span className="text-green-800">Set up.</span>
              <Button variant="secondary" className="px-3 py-1" onClick={() => setAsking("remove-app")}>
                Remove the app
              </Button>
            </div>
          )
        ) : (
          <TotpEnrolment pending={props.pending} onConfirmed={(recoveryCodes) => (recoveryCodes ? setCodes(recoveryCodes) : router.refresh())} />
        )}
      </section>
      <section aria-labelledby="two-factor-passkeys" className="flex flex-col gap-2">
        <h3 id="two-factor-passkeys" className="font-medium">
          Passkeys
        </h3>
        <PasskeyList passkeys={props.passkeys} onChanged={() => router.refresh()} onRecoveryCodes={setCodes} />
      </section>
      {enabled ? (
        <section aria-labelledby="two-factor-codes" className="flex flex-col gap-2">
          <h3 id="two-factor-codes" className="font-medium">
            Recovery codes
          </h3>
          {asking === "new-codes" ? (
            <ProvenAction
              action={regenerateRecoveryCodesAction}
              input={{}}
              prompt="New recovery codes replace the old ones, which stop working at once."
              submitLabel="Make new recovery codes"
              onCancel={() => setAsking(null)}
              onDone={(data) => {
                setAsking(null);
                setCodes(data.recoveryCodes);
              }}
            />
          ) : (
            <Button variant="secondary" className="self-start px-3 py-1" onClick={() => setAsking("new-codes")}>
              New recovery codes
            </Button>
          )}
        </section>
      ) : null}
    </div>
  );
}
