"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createFolderAction, deleteFolderAction } from "@/lib/products/secrets/secret-actions";
import type { FolderRef } from "./secret-form-dialogs";

export function NewFolderDialog({ folder, environmentName }: { folder: FolderRef; environmentName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(createFolderAction, () => {
    setOpen(false);
    setName("");
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant="secondary">New folder</Button>}
      title="New folder"
      description={`Inside ${folder.path} of ${environmentName}. Roles can allow or deny secrets by folder path.`}
      formError={formError}
      submitLabel="Create folder"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ ...folder, name })}>
      <TextField
        label="Folder name"
        name="name"
        autoComplete="off"
        spellCheck={false}
        placeholder="payments"
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
    </FormDialog>
  );
}

export function DeleteFolderButton({ folder, parentHref }: { folder: FolderRef; parentHref: string }) {
  return (
    <ConfirmActionButton
      action={deleteFolderAction}
      input={folder}
      goTo={parentHref}
      trigger="Delete folder"
      title={`Delete ${folder.path}?`}
      body="Only an empty folder can be deleted."
      confirm="Delete folder"
    />
  );
}
