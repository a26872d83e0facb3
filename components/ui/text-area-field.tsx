"use client";

import type { ReactNode, TextareaHTMLAttributes } from "react";
import { FieldShell } from "./field-shell";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & { label: string; hint?: ReactNode; errors?: string[] };

/** A labelled multi-line input; like TextField, its error is announced and tied to it. */
export function TextAreaField({ label, hint, errors, className, ...props }: Props) {
  return (
    <FieldShell label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <textarea
          {...control}
          className={`rounded-md border px-3 py-2 font-mono text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-brand-500 ${errors?.[0] ? "border-red-500" : "border-slate-300"}`}
          {...props}
        />
      )}
    </FieldShell>
  );
}
