"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackPath } from "@/lib/platform/auth/callback-path";
import { EmailField } from "./email-field";

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
  // Asked for once the password was right and the account has a second factor.
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const response = await signIn("credentials", { email, password, ...(code !== null ? { code } : {}), redirect: false });
      if (response?.error === "SECOND_FACTOR_REQUIRED") {
        setError(undefined);
        setCode("");
        return;
      }
      if (response?.error === "SECOND_FACTOR_WRONG") {
        setError("That code is not right. Enter the current code from your authenticator app, or a recovery code.");
        setCode("");
        return;
      }
      if (response?.error === "SECOND_FACTOR_RATE_LIMITED") {
        setError("Too many codes tried. Wait a few minutes, then try again.");
        setCode("");
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
        return;
      }
      if (!response || response.error) {
        // One message for every failure, so nobody can learn which emails have accounts.
        setError("That email and password do not match an account. Check them and try again.");
        setPassword("");
        setCode(null);
        return;
      }
      router.replace(safeCallbackPath(searchParams.get("callbackUrl"), window.location.origin));
      router.refresh();
    });
  }

  const notice = NOTICES[searchParams.get("notice") ?? ""];
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <FormMessage message={error} />
      {code === null ? (
        <>
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
        </>
      ) : (
        <TextField
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : code === null ? "Sign in" : "Verify"}
      </Button>
      {code !== null ? (
        <button
          type="button"
          className="text-sm text-brand-600 underline-offset-2 hover:underline"
          onClick={() => {
            setCode(null);
            setPassword("");
            setError(undefined);
          }}>
          Use another account
        </button>
      ) : null}
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
