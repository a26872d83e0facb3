"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { renameSelfAction } from "@/lib/actions/account-actions";

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
      <TextField label="Name" name="name" autoComplete="name" required value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || name.trim() === current}>
          {pending ? "Saving…" : "Save name"}
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
