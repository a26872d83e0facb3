"use client";

import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { signUpWithInvitationAction } from "@/lib/platform/actions/invitation-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/platform/users/schemas";

/** Signs out and comes back to the same link, to use it with another account. */
export function SignOutToSwitchAccount({ returnTo, label = "Sign out, then use the invited account" }: { returnTo: string; label?: string }) {
  return (
    <Button variant="secondary" onClick={() => void signOut({ callbackUrl: returnTo })}>
      {label}
    </Button>
  );
}

/** A newcomer's sign-up, with the email fixed to the invited one. */
export function SignUpWithInvitationForm({ token, email, orgName }: { token: string; email: string; orgName: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(signUpWithInvitationAction, async ({ orgSlug }) => {
    const response = await signIn("credentials", { email, password, redirect: false });
    router.replace(response?.ok ? `/orgs/${orgSlug}?welcome=1` : `/login?callbackUrl=${encodeURIComponent(`/orgs/${orgSlug}?welcome=1`)}`);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ token, name, password });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField label="Email" name="email" type="email" value={email} readOnly hint="The invitation is for this address." />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : `Create account and join ${orgName}`}
      </Button>
    </form>
  );
}
