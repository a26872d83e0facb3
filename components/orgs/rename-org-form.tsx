"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { renameOrgAction } from "@/lib/platform/actions/org-actions";
import { SubmitRow } from "@/components/ui/submit-row";

export function RenameOrgForm({ orgSlug, name: savedName }: { orgSlug: string; name: string }) {
  const [name, setName] = useState(savedName);
  const { save, saved, pending, fieldErrors, formError } = useSaveForm(renameOrgAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, name });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField
        label="Organization name"
        name="name"
        maxLength={64}
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
      <SubmitRow label="Save" pendingLabel="Saving…" pending={pending} done={saved ? "Saved." : null} />
    </form>
  );
}
