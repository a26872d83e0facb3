"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { setAuditRetentionAction } from "@/lib/platform/actions/audit-log-actions";
import { SubmitRow } from "@/components/ui/submit-row";

/** How long the org keeps audit events; older ones are pruned in the background. */
export function AuditRetentionForm({ orgSlug, retentionDays }: { orgSlug: string; retentionDays: number | null }) {
  const [days, setDays] = useState(retentionDays === null ? "" : String(retentionDays));
  const { save, saved, pending, fieldErrors, formError } = useSaveForm(setAuditRetentionAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, retentionDays: days });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField
        label="Keep audit events for (days)"
        type="number"
        min={1}
        value={days}
        onChange={(event) => setDays(event.target.value)}
        hint="Leave empty to keep them as long as your plan allows. Older events are deleted in the background."
        errors={fieldErrors.retentionDays}
      />
      <SubmitRow label="Save retention" pendingLabel="Saving…" pending={pending} done={saved ? "Saved." : null} />
    </form>
  );
}
