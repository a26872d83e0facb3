"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitRow } from "@/components/ui/submit-row";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { updateIdentityAction } from "@/lib/platform/actions/identity-actions";

type Props = {
  orgSlug: string;
  identityId: string;
  name: string;
  role: string;
  deleteProtection: boolean;
  /** The roles the viewer may give; the identity's current role is among them or shown alone. */
  roles: Array<{ slug: string; label: string }>;
};

/** Name, org role and delete protection of a machine identity. */
export function IdentitySettingsForm({ orgSlug, identityId, roles, ...saved }: Props) {
  const [name, setName] = useState(saved.name);
  const [role, setRole] = useState(saved.role);
  const [deleteProtection, setDeleteProtection] = useState(saved.deleteProtection);
  const { save, saved: done, pending, fieldErrors, formError } = useSaveForm(updateIdentityAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, identityId, name, role, deleteProtection });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-labelledby="identity-settings-heading">
      <h2 id="identity-settings-heading" className="text-base font-semibold">
        Identity
      </h2>
      <FormMessage message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
        <SelectField
          label="Organization role"
          value={role}
          onChange={(event) => setRole(event.target.value)}
          options={roles.map(({ slug, label }) => ({ value: slug, label }))}
          errors={fieldErrors.role}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={deleteProtection} onChange={(event) => setDeleteProtection(event.target.checked)} />
        Protect from deletion
      </label>
      <SubmitRow label="Save identity" pendingLabel="Saving…" pending={pending} done={done ? "Saved." : null} />
    </form>
  );
}
