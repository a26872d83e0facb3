"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { updateProjectAction } from "@/lib/actions/project-actions";

type Props = { orgSlug: string; projectSlug: string; name: string; description: string };

export function ProjectSettingsForm({ orgSlug, projectSlug, name: savedName, description: savedDescription }: Props) {
  const [name, setName] = useState(savedName);
  const [description, setDescription] = useState(savedDescription);
  const { save, saved, pending, fieldErrors, formError } = useSaveForm(updateProjectAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, projectSlug, name, description });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField label="Project name" name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <TextField
        label="Description"
        name="description"
        maxLength={500}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        errors={fieldErrors.description}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        <p aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
