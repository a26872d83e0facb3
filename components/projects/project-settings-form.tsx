"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { updateProjectAction } from "@/lib/platform/actions/project-actions";
import { SubmitRow } from "@/components/ui/submit-row";

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
      <SubmitRow label="Save changes" pendingLabel="Saving…" pending={pending} done={saved ? "Saved." : null} />
    </form>
  );
}
