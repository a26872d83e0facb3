"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { renameOrgAction } from "@/lib/actions/org-actions";

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
      <TextField label="Organization name" name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <p aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
