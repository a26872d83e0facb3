"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createIdentityAction } from "@/lib/platform/actions/identity-actions";

/** Creates a machine identity with an org role; its page then makes client secrets. */
export function CreateIdentityDialog({ orgSlug, roles }: { orgSlug: string; roles: Array<{ slug: string; label: string }> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [role, setRole] = useState("no-access");
  // On by default: deleting an identity breaks whatever runs with it.
  const [deleteProtection, setDeleteProtection] = useState(true);
  const { submit, pending, fieldErrors, formError } = useFormAction(createIdentityAction, ({ identityId }) => {
    setOpen(false);
    router.push(`/orgs/${orgSlug}/identities/${identityId}`);
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Create identity</Button>}
      title="Create a machine identity"
      description="A service, job or pipeline that reads secrets through the API. It takes a seat, and reaches projects through the roles you give it there."
      formError={formError}
      submitLabel="Create identity"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, name, role, deleteProtection })}>
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="payments-api in production"
        errors={fieldErrors.name}
      />
      <SelectField
        label="Organization role"
        value={role}
        onChange={(event) => setRole(event.target.value)}
        options={roles.map((option) => ({ value: option.slug, label: option.label }))}
        errors={fieldErrors.role}
      />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={deleteProtection} onChange={(event) => setDeleteProtection(event.target.checked)} />
        Protect from deletion
      </label>
    </FormDialog>
  );
}
