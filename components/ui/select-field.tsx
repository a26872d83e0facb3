"use client";

import type { ReactNode, SelectHTMLAttributes } from "react";
import { FieldShell } from "./field-shell";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: ReactNode;
  errors?: string[];
};

/** A labelled native select whose error is announced and tied to it. */
export function SelectField({ label, options, hint, errors, className, ...selectProps }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select {...control} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm" {...selectProps}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
