"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { renameOrgAction } from "@/lib/actions/org-actions";

export function RenameOrgForm({ orgSlug, name: savedName }: { orgSlug: string; name: string }) {
  const router = useRouter();
  const [name, setName] = useState(savedName);
  const [saved, setSaved] = useState(false);
  const { submit, pending, fieldErrors, formError } = useFormAction(renameOrgAction, () => {
    setSaved(true);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    submit({ orgSlug, name });
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
          {saved && !pending ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
