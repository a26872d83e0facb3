"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNameAndSlug } from "@/components/ui/use-name-and-slug";
import { roleActions, rolesHref, type RoleTarget } from "./role-target";

type Props = {
  target: RoleTarget;
  /** Roles a new one can start from (copies their permissions). */
  sources: Array<{ slug: string; label: string }>;
  copyFrom?: string;
  triggerLabel: string;
  triggerVariant?: "primary" | "secondary";
};

/** Creates a custom role (empty, or a copy of another) and opens it in the editor. */
export function CreateRoleDialog({ target, sources, copyFrom = "", triggerLabel, triggerVariant = "primary" }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const [description, setDescription] = useState("");
  const [source, setSource] = useState(copyFrom);
  const { submit, pending, fieldErrors, formError } = useFormAction(roleActions(target).create, (created) => {
    router.push(`${rolesHref(target)}/${created.slug}`);
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant={triggerVariant}>{triggerLabel}</Button>}
      title={copyFrom ? "Duplicate role" : "Create a role"}
      description="Name it, then choose its permissions in the editor."
      formError={formError}
      submitLabel="Create role"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ name, slug, description, ...(source ? { copyFrom: source } : { permissions: [] }) })}>
      <TextField label="Role name" value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} autoFocus />
      <TextField
        label="Role slug"
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        hint="How the role is named in URLs and the API. It cannot be changed later."
        errors={fieldErrors.slug}
      />
      <TextField label="Description (optional)" value={description} onChange={(event) => setDescription(event.target.value)} errors={fieldErrors.description} />
      <SelectField
        label="Start from"
        value={source}
        onChange={(event) => setSource(event.target.value)}
        options={[{ value: "", label: "Nothing: an empty role" }, ...sources.map((role) => ({ value: role.slug, label: `A copy of ${role.label}` }))]}
        errors={fieldErrors.copyFrom ?? fieldErrors.permissions}
      />
    </FormDialog>
  );
}
