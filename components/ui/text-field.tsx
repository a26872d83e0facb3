"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldShell } from "./field-shell";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  errors?: string[];
};

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function TextField({ label, hint, errors, className, ...inputProps }: TextFieldProps) {
  const error = errors?.[0];
  return (
    <FieldShell label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <input
          {...control}
          className={`rounded-md border px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-brand-500 ${
            error ? "border-red-500" : "border-slate-300"
          }`}
          {...inputProps}
        />
      )}
    </FieldShell>
  );
}
