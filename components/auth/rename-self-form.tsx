"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { renameSelfAction } from "@/lib/platform/actions/account-actions";
import { SubmitRow } from "@/components/ui/submit-row";

export function RenameSelfForm({ name: current }: { name: string }) {
  const router = useRouter();
  const [name, setName] = useState(current);
  const [saved, setSaved] = useState(false);
  const { submit, pending, fieldErrors, formError } = useFormAction(renameSelfAction, () => {
    setSaved(true);
    router.refresh();
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    submit({ name });
  }
  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-col gap-3" noValidate aria-label="Your name">
      <FormMessage message={formError} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
      <SubmitRow label="Save name" pendingLabel="Saving…" pending={pending} disabled={name.trim() === current} done={saved ? "Saved." : null} />
    </form>
  );
}
