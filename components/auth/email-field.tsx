"use client";

import { TextField } from "@/components/ui/text-field";

/** The account's email, as every sign-in, sign-up and reset form asks for it. */
export function EmailField({
  value,
  onChange,
  errors,
  autoFocus,
}: {
  value: string;
  onChange: (email: string) => void;
  errors?: string[];
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      errors={errors}
    />
  );
}
