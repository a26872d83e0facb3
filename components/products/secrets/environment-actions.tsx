"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNameAndSlug } from "@/components/ui/use-name-and-slug";
import { createEnvironmentAction, deleteEnvironmentAction, moveEnvironmentAction, renameEnvironmentAction } from "@/lib/products/secrets/secret-actions";

type Ref = { orgSlug: string; projectSlug: string };
type Environment = { id: string; name: string; slug: string; secretCount: number };

export function AddEnvironmentDialog({ refs }: { refs: Ref }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const { submit, pending, fieldErrors, formError } = useFormAction(createEnvironmentAction, () => {
    setOpen(false);
    setName("");
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add environment</Button>}
      title="Add an environment"
      description="The slug is what role conditions on environment match; it cannot be changed later."
      formError={formError}
      submitLabel="Add environment"
      pendingLabel="Adding…"
      pending={pending}
      onSubmit={() => submit({ ...refs, name, slug })}>
      <TextField label="Name" name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <TextField
        label="Slug"
        name="slug"
        autoCapitalize="none"
        spellCheck={false}
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        errors={fieldErrors.slug}
      />
    </FormDialog>
  );
}

export function RenameEnvironmentDialog({ refs, environment }: { refs: Ref; environment: Environment }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(environment.name);
  const { submit, pending, fieldErrors, formError } = useFormAction(renameEnvironmentAction, () => {
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Rename ${environment.name}`}>
          Rename
        </Button>
      }
      title={`Rename ${environment.name}`}
      description={`The slug stays ${environment.slug}, so roles that name it keep working.`}
      formError={formError}
      submitLabel="Rename"
      pendingLabel="Renaming…"
      pending={pending}
      onSubmit={() => submit({ ...refs, environmentId: environment.id, name })}>
      <TextField label="Name" name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
    </FormDialog>
  );
}

export function MoveEnvironmentButtons({ refs, environment, first, last }: { refs: Ref; environment: Environment; first: boolean; last: boolean }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(moveEnvironmentAction, () => router.refresh());
  return (
    <span className="flex items-center gap-1">
      <Button
        variant="secondary"
        className="px-2 py-1"
        disabled={first || pending}
        aria-label={`Move ${environment.name} up`}
        onClick={() => submit({ ...refs, environmentId: environment.id, direction: "up" })}>
        ↑
      </Button>
      <Button
        variant="secondary"
        className="px-2 py-1"
        disabled={last || pending}
        aria-label={`Move ${environment.name} down`}
        onClick={() => submit({ ...refs, environmentId: environment.id, direction: "down" })}>
        ↓
      </Button>
      {formError ? (
        <span role="alert" className="text-xs text-red-700">
          {formError}
        </span>
      ) : null}
    </span>
  );
}

export function DeleteEnvironmentDialog({ refs, environment }: { refs: Ref; environment: Environment }) {
  const router = useRouter();
  const { submit, pending, fieldErrors, formError } = useFormAction(deleteEnvironmentAction, () => router.refresh());
  const secrets = environment.secretCount === 1 ? "1 secret" : `${environment.secretCount} secrets`;
  return (
    <TypedConfirmDialog
      trigger={`Delete ${environment.name}`}
      title={`Delete ${environment.name}?`}
      description={`Its ${secrets} and folders are deleted with it. This cannot be undone.`}
      expected={environment.slug}
      confirmLabel="Delete environment"
      pendingLabel="Deleting…"
      pending={pending}
      formError={formError}
      errors={fieldErrors.confirmation}
      onConfirm={(confirmation) => submit({ ...refs, environmentId: environment.id, confirmation })}
    />
  );
}
