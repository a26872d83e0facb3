"use client";

import { useId, type ReactNode } from "react";

/** What a control inside a FieldShell spreads onto itself to be labelled and described. */
export type FieldControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/**
 * A form field's frame: the label, the control, a hint, and the error, announced and tied to
 * the control with aria-describedby. Text inputs, text areas and selects share it.
 */
export function FieldShell({
  label,
  hint,
  errors,
  className = "",
  children,
}: {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const error = errors?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
