"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction } from "@/lib/platform/actions/account-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/platform/users/schemas";
import { SubmitRow } from "@/components/ui/submit-row";

const EMPTY = { currentPassword: "", newPassword: "" };

export function ChangePasswordForm() {
  const [fields, setFields] = useState(EMPTY);
  const [changed, setChanged] = useState(false);
  const { submit, pending, fieldErrors, formError } = useFormAction(changePasswordAction, () => {
    setFields(EMPTY);
    setChanged(true);
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    submit(fields);
  }
  return (
    <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate aria-label="Change password">
      <FormMessage message={formError} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={fields.currentPassword}
        onChange={(event) => setFields((current) => ({ ...current, currentPassword: event.target.value }))}
        errors={fieldErrors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions are signed out.`}
        value={fields.newPassword}
        onChange={(event) => setFields((current) => ({ ...current, newPassword: event.target.value }))}
        errors={fieldErrors.newPassword}
      />
      <SubmitRow
        label="Change password"
        pendingLabel="Changing…"
        pending={pending}
        done={changed ? "Password changed. Your other sessions were signed out." : null}
      />
    </form>
  );
}
