"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useCallback, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackPath } from "@/lib/platform/auth/callback-path";
import { EmailField } from "./email-field";
import { SecondFactorProofForm } from "./second-factor-proof";
import { signInSecondFactorOptionsAction } from "@/lib/platform/actions/auth-actions";
import type { SecondFactorProof } from "@/lib/platform/auth/two-factor-schemas";

/** What a page that sent someone here to sign in wants them to read first. */
const NOTICES: Record<string, string> = {
  "email-confirmed": "Your email address is confirmed. Sign in to continue.",
  "password-reset": "Your new password is set, and every other session was signed out. Sign in with it.",
};

export function LoginForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  // Once the password was right and the account has a second factor, the form asks for it.
  const [secondStep, setSecondStep] = useState(false);
  const loadOptions = useCallback(() => signInSecondFactorOptionsAction({ email, password }), [email, password]);

  async function send(proof: SecondFactorProof | null) {
    const response = await signIn("credentials", { email, password, ...(proof ?? {}), redirect: false });
    if (response?.error === "SECOND_FACTOR_REQUIRED") {
      setError(undefined);
      setSecondStep(true);
      return;
    }
    if (response?.error === "SECOND_FACTOR_WRONG") {
      setError(
        proof && "passkey" in proof
          ? "That passkey could not be verified. Try again, or enter a code."
          : "That code is not right. Enter the current code from your authenticator app, or a recovery code.",
      );
      return;
    }
    if (response?.error === "SECOND_FACTOR_RATE_LIMITED") {
      setError("Too many codes tried. Wait a few minutes, then try again.");
      return;
    }
    if (response?.error === "EMAIL_NOT_VERIFIED") {
      setError(`Confirm your email address first: we have sent a new link to ${email}.`);
      setPassword("");
      return;
    }
    if (response?.error === "RATE_LIMITED") {
      setError("Too many sign-in attempts. Wait a few minutes, then try again.");
      setPassword("");
      setSecondStep(false);
      return;
    }
    if (!response || response.error) {
      // One message for every failure, so nobody can learn which emails have accounts.
      setError("That email and password do not match an account. Check them and try again.");
      setPassword("");
      setSecondStep(false);
      return;
    }
    router.replace(safeCallbackPath(searchParams.get("callbackUrl"), window.location.origin));
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(() => send(null));
  }

  const notice = NOTICES[searchParams.get("notice") ?? ""];
  if (secondStep) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">Two-factor sign-in is on for {email}. Prove it is you with a second factor.</p>
        <SecondFactorProofForm
          loadOptions={loadOptions}
          onProof={(proof) => new Promise<void>((resolve) => startTransition(() => send(proof).then(resolve)))}
          pending={pending}
          formError={error}
          submitLabel="Verify">
          <button
            type="button"
            className="text-sm text-brand-600 underline-offset-2 hover:underline"
            onClick={() => {
              setSecondStep(false);
              setPassword("");
              setError(undefined);
            }}>
            Use another account
          </button>
        </SecondFactorProofForm>
      </div>
    );
  }
  return (
    // POST: sent before the page's script runs, the form would otherwise put the password in the URL.
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <FormMessage message={error} />
      <EmailField autoFocus value={email} onChange={setEmail} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sso" className="text-brand-600 underline-offset-2 hover:underline">
          Sign in with single sign-on
        </Link>
      </p>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-brand-600 underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <p className="text-center text-sm text-slate-600">
        New to Tessera?{" "}
        <Link href="/signup" className="font-medium text-brand-600 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
