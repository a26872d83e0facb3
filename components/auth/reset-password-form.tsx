"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { resetPasswordAction } from "@/lib/platform/actions/auth-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/platform/users/schemas";

/** A new password from a mailed link; claiming an unconfirmed address also sets the name. */
export function ResetPasswordForm({ token, email, claim }: { token: string; email: string; claim: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(resetPasswordAction, () => router.replace("/login?notice=password-reset"));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ token, password, ...(claim ? { name } : {}) });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">
        {claim ? (
          <>
            Someone registered <strong>{email}</strong> but never confirmed it. This link proves the address is yours: choose your name and password, and
            everyone signed in to that account is signed out.
          </>
        ) : (
          <>
            For <strong>{email}</strong>. Every session of the account is signed out once it is set.
          </>
        )}
      </p>
      <FormMessage message={formError} />
      {claim ? (
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          errors={fieldErrors.name}
        />
      ) : null}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
