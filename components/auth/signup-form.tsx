"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CheckInbox } from "./check-inbox";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { signUpAction } from "@/lib/platform/actions/auth-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/platform/users/schemas";
import { EmailField } from "./email-field";

export function SignUpForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [checkInbox, setCheckInbox] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useFormAction(signUpAction, async (outcome) => {
    if (outcome.checkInbox) {
      setPassword("");
      setCheckInbox(outcome.email);
      return;
    }
    const response = await signIn("credentials", { email, password, redirect: false });
    // The account exists either way; if signing in failed, the sign-in page takes over.
    router.replace(response?.ok ? "/onboarding" : "/login");
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ name, email, password });
  }

  if (checkInbox) return <CheckInbox email={checkInbox} then="then sign in" />;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
      <EmailField value={email} onChange={setEmail} errors={fieldErrors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words works well.`}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-600 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
