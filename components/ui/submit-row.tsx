"use client";

import { Button } from "./button";

/** A form's submit button and, beside it, the polite word that the save went through. */
export function SubmitRow({
  label,
  pendingLabel,
  pending,
  done,
  disabled,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  done: string | null;
  disabled?: boolean;
}) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
      <p aria-live="polite" className="text-sm text-green-800">
        {done ?? ""}
      </p>
    </div>
  );
}
