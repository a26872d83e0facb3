"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import type { SecondFactorOptions } from "@/lib/platform/auth/second-factor-options";
import type { SecondFactorProof } from "@/lib/platform/auth/two-factor-schemas";

type Props = {
  /** Asks the server how the person can prove it now (and for a fresh passkey challenge). */
  loadOptions: () => Promise<ActionResult<SecondFactorOptions>>;
  /** Sends the proof; resolves once the server answered (then a new passkey challenge is fetched). */
  onProof: (proof: SecondFactorProof) => Promise<void>;
  pending: boolean;
  formError?: string;
  codeErrors?: string[];
  submitLabel: string;
  submitVariant?: "primary" | "danger";
  /** Beside the submit button: Cancel, or "Use another account". */
  children?: ReactNode;
};

/**
 * The second factor, asked for now: a passkey when the account has one (offered first), or
 * a code from the authenticator app or a recovery code. Used at sign-in, for a step-up, and
 * before the factors themselves change.
 */
export function SecondFactorProofForm({ loadOptions, onProof, pending, formError, codeErrors, submitLabel, submitVariant = "primary", children }: Props) {
  const instance = useId();
  // A fresh challenge for each form, never cached: each one answers once and expires.
  const optionsQuery = useQuery({
    queryKey: ["second-factor-options", instance],
    queryFn: async () => {
      const result = await loadOptions();
      if (!result.ok) throw new Error(result.formError ?? "We could not reach the server. Try again.");
      return result.data;
    },
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const options = optionsQuery.data ?? null;
  const [passkeyError, setPasskeyError] = useState<string | undefined>();
  const [code, setCode] = useState("");

  async function answerWithPasskey() {
    if (!options?.passkey) return;
    setPasskeyError(undefined);
    let response;
    try {
      response = await startAuthentication({ optionsJSON: options.passkey });
    } catch {
      setPasskeyError("The passkey was not used. Try again, or enter a code.");
      return;
    }
    // Each challenge answers once: fetch the next one whatever this answer turns out to be.
    await onProof({ passkey: JSON.stringify(response) });
    await optionsQuery.refetch();
  }

  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onProof({ code });
      }}>
      <FormMessage message={optionsQuery.error?.message ?? passkeyError ?? formError} />
      {options?.passkey ? (
        <Button type="button" className="self-start" disabled={pending} onClick={() => void answerWithPasskey()}>
          Use a passkey
        </Button>
      ) : null}
      <TextField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        autoFocus={options !== null && !options.passkey}
        hint={options?.totp ? "The 6-digit code from your authenticator app, or one of your recovery codes." : "One of your recovery codes."}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        errors={codeErrors}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant={submitVariant} disabled={pending || code.trim() === ""}>
          {pending ? "Checking…" : submitLabel}
        </Button>
        {children}
      </div>
    </form>
  );
}

/**
 * Sends a proof to an action that wants one (with `input` beside it) and keeps what the form
 * shows: pending, the refusal, the code's error.
 */
export function useProofAction<Input extends object, Output>(
  action: (input: Input & SecondFactorProof) => Promise<ActionResult<Output>>,
  input: Input,
  onDone: (data: Output) => void,
) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | undefined>();
  const [codeErrors, setCodeErrors] = useState<string[] | undefined>();
  const onProof = (proof: SecondFactorProof) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        const result = await action({ ...input, ...proof }).catch(() => null);
        if (result?.ok) {
          setFormError(undefined);
          setCodeErrors(undefined);
          onDone(result.data);
        } else {
          setFormError(result ? result.formError : "We could not reach the server. Check your connection and try again.");
          setCodeErrors(result?.fieldErrors?.code);
        }
        resolve();
      }),
    );
  return { onProof, pending, formError, codeErrors };
}
