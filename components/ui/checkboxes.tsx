"use client";

import { useId } from "react";

export type Option = { value: string; label: string };

/** Ticks several of a short list; the refusal is announced and tied to the group. */
export function Checkboxes({
  legend,
  options,
  value,
  onChange,
  errors,
  empty = "None in this organization.",
}: {
  legend: string;
  /** Said when there is nothing to tick. */
  empty?: string;
  options: Option[];
  value: string[];
  onChange(next: string[]): void;
  errors?: string[];
}) {
  const errorId = useId();
  return (
    <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 font-medium">{legend}</legend>
      {options.length === 0 ? <p className="text-slate-600">{empty}</p> : null}
      {options.map((option) => (
        <label key={option.value} className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={value.includes(option.value)}
            onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((item) => item !== option.value))}
            aria-invalid={errors?.length ? true : undefined}
          />
          {option.label}
        </label>
      ))}
      {errors?.length ? (
        <p id={errorId} role="alert" className="text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}
