"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { CheckInbox } from "@/components/auth/check-inbox";
import { signUpWithLinkAction } from "@/lib/platform/actions/invite-link-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/platform/users/schemas";

/** A newcomer creates an account and joins through the link in one step. */
export function SignUpWithLinkForm({ token, orgName, allowedDomain }: { token: string; orgName: string; allowedDomain: string | null }) {
  const router = useRouter();
  const [fields, setFields] = useState({ name: "", email: "", password: "" });
  const [checkInbox, setCheckInbox] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useFormAction(signUpWithLinkAction, async ({ email, orgSlug, checkInbox: mustConfirm }) => {
    if (mustConfirm || !orgSlug) {
      setFields((current) => ({ ...current, password: "" }));
      setCheckInbox(email);
      return;
    }
    const response = await signIn("credentials", { email, password: fields.password, redirect: false });
    router.replace(response?.ok ? `/orgs/${orgSlug}?welcome=1` : `/login?callbackUrl=${encodeURIComponent(`/orgs/${orgSlug}?welcome=1`)}`);
    router.refresh();
  });
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ token, ...fields });
  }

  if (checkInbox) return <CheckInbox email={checkInbox} then={`then sign in to join ${orgName}`} />;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField label="Name" name="name" autoComplete="name" autoFocus value={fields.name} onChange={set("name")} errors={fieldErrors.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={fields.email}
        onChange={set("email")}
        hint={allowedDomain ? `Use your @${allowedDomain} address.` : undefined}
        errors={fieldErrors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        value={fields.password}
        onChange={set("password")}
        errors={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : `Create account and join ${orgName}`}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={`/login?callbackUrl=${encodeURIComponent(`/join/${token}`)}`} className="font-medium text-brand-700 underline">
          Sign in to join
        </Link>
      </p>
    </form>
  );
}
