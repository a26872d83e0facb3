"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createSecretAction, deleteSecretAction, updateSecretAction } from "@/lib/products/secrets/secret-actions";

export type FolderRef = { orgSlug: string; projectSlug: string; environment: string; path: string };
type Ref = Omit<FolderRef, "environment" | "path">;

/** `openOnArrival`: open at once, as the project overview's "Add your first secret" asks. */
export function AddSecretDialog({ folder, environmentName, openOnArrival = false }: { folder: FolderRef; environmentName: string; openOnArrival?: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnArrival);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [comment, setComment] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(createSecretAction, () => {
    setOpen(false);
    setKey("");
    setValue("");
    setComment("");
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add secret</Button>}
      title="Add a secret"
      description={`To ${folder.path} in ${environmentName}. The value is encrypted before it is stored.`}
      formError={formError}
      submitLabel="Add secret"
      pendingLabel="Adding…"
      pending={pending}
      onSubmit={() => submit({ ...folder, key, value, comment })}>
      <TextField
        label="Key"
        name="key"
        autoComplete="off"
        spellCheck={false}
        placeholder="DATABASE_URL"
        value={key}
        onChange={(event) => setKey(event.target.value)}
        errors={fieldErrors.key}
      />
      <TextAreaField
        label="Value"
        name="value"
        rows={3}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        errors={fieldErrors.value}
      />
      <TextField label="Comment (optional)" name="comment" value={comment} onChange={(event) => setComment(event.target.value)} errors={fieldErrors.comment} />
    </FormDialog>
  );
}

type EditableSecret = { id: string; key: string; comment: string; version: number };

/** Edits key and comment; the value changes only when asked, so editing needs no right to read it. */
export function EditSecretDialog({ refs, secret }: { refs: Ref; secret: EditableSecret }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(secret.key);
  const [comment, setComment] = useState(secret.comment);
  const [changeValue, setChangeValue] = useState(false);
  const [value, setValue] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(updateSecretAction, () => {
    setOpen(false);
    setChangeValue(false);
    setValue("");
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Edit ${secret.key}`}>
          Edit
        </Button>
      }
      title={`Edit ${secret.key}`}
      description="Changes are recorded in the audit log; values never are."
      formError={formError}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ ...refs, secretId: secret.id, key, comment, version: secret.version, ...(changeValue ? { value } : {}) })}>
      <TextField
        label="Key"
        name="key"
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={(event) => setKey(event.target.value)}
        errors={fieldErrors.key}
      />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={changeValue} onChange={(event) => setChangeValue(event.target.checked)} />
        Set a new value
      </label>
      {changeValue ? (
        <TextAreaField
          label="New value"
          name="value"
          rows={3}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errors={fieldErrors.value}
        />
      ) : null}
      <TextField label="Comment (optional)" name="comment" value={comment} onChange={(event) => setComment(event.target.value)} errors={fieldErrors.comment} />
    </FormDialog>
  );
}

export function DeleteSecretButton({ refs, secretId, secretKey }: { refs: Ref; secretId: string; secretKey: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(deleteSecretAction, () => router.refresh());
  return (
    <ConfirmDialog
      trigger="Delete"
      triggerLabel={`Delete ${secretKey}`}
      title={`Delete ${secretKey}?`}
      body="Programs that read this secret will no longer get it. This cannot be undone."
      confirm="Delete secret"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ ...refs, secretId })}
    />
  );
}
