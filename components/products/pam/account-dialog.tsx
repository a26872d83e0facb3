"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createPamAccountAction, updatePamAccountAction } from "@/lib/products/pam/pam-actions";

/** Adds a role of a database as an account people may ask for; the broker checks it can hand it out. */
export function AddAccountDialog({
  orgSlug,
  projectSlug,
  resources,
}: {
  orgSlug: string;
  projectSlug: string;
  resources: Array<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const empty = { resourceId: resources[0]?.id ?? "", name: "", folderPath: "/", maxDurationMinutes: "60", reasonRequired: true };
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(empty);
  const set = (key: "resourceId" | "name" | "folderPath" | "maxDurationMinutes") => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));
  const {
    submit,
    pending,
    fieldErrors: errors,
    formError,
  } = useFormAction(createPamAccountAction, () => {
    setOpen(false);
    setFields(empty);
    router.refresh();
  });
  if (resources.length === 0) return <p className="text-sm text-slate-600">Add a database on the Resources page first.</p>;
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add account</Button>}
      title="Add an account"
      description="A role on the database that people may ask to use for a while. Tessera checks that the broker can grant it."
      formError={formError}
      submitLabel="Check and add"
      pendingLabel="Checking…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, projectSlug, ...fields })}>
      <SelectField
        label="Database"
        value={fields.resourceId}
        onChange={set("resourceId")}
        options={resources.map((resource) => ({ value: resource.id, label: resource.name }))}
        errors={errors.resourceId}
      />
      <TextField
        label="Role on the database"
        value={fields.name}
        onChange={set("name")}
        placeholder="app_readonly"
        autoComplete="off"
        hint="Exactly as PostgreSQL names it."
        errors={errors.name}
      />
      <TextField
        label="Folder"
        value={fields.folderPath}
        onChange={set("folderPath")}
        placeholder="/payments"
        hint="Groups accounts in the list."
        errors={errors.folderPath}
      />
      <TextField
        label="Longest access (minutes)"
        inputMode="numeric"
        value={fields.maxDurationMinutes}
        onChange={set("maxDurationMinutes")}
        errors={errors.maxDurationMinutes}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={fields.reasonRequired}
          onChange={(event) => setFields((current) => ({ ...current, reasonRequired: event.target.checked }))}
        />
        Requests must say why
      </label>
    </FormDialog>
  );
}

type EditableAccount = { id: string; name: string; resourceName: string; folderPath: string; maxDurationMinutes: number; reasonRequired: boolean };

/** Changes an account's folder, longest access and whether a reason is needed. */
export function EditAccountDialog({ orgSlug, projectSlug, account }: { orgSlug: string; projectSlug: string; account: EditableAccount }) {
  const router = useRouter();
  const initial = { folderPath: account.folderPath, maxDurationMinutes: String(account.maxDurationMinutes), reasonRequired: account.reasonRequired };
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(initial);
  const {
    submit,
    pending,
    fieldErrors: errors,
    formError,
  } = useFormAction(updatePamAccountAction, () => {
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setFields(initial);
      }}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Edit account ${account.name}`}>
          Edit
        </Button>
      }
      title={`Edit ${account.name}`}
      description={`On ${account.resourceName}. Grants already made keep the end they were given.`}
      formError={formError}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, projectSlug, accountId: account.id, ...fields })}>
      <TextField
        label="Folder"
        value={fields.folderPath}
        onChange={(event) => setFields((current) => ({ ...current, folderPath: event.target.value }))}
        errors={errors.folderPath}
      />
      <TextField
        label="Longest access (minutes)"
        inputMode="numeric"
        value={fields.maxDurationMinutes}
        onChange={(event) => setFields((current) => ({ ...current, maxDurationMinutes: event.target.value }))}
        errors={errors.maxDurationMinutes}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={fields.reasonRequired}
          onChange={(event) => setFields((current) => ({ ...current, reasonRequired: event.target.checked }))}
        />
        Requests must say why
      </label>
    </FormDialog>
  );
}
