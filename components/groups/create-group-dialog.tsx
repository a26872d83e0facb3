"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useNameAndSlug } from "@/components/ui/use-name-and-slug";
import { GroupOrgRoleField } from "./group-org-role-field";
import { createGroupAction } from "@/lib/platform/actions/group-actions";

/** Creates an empty group, with an org role for its members or none; its page then adds people. */
export function CreateGroupDialog({ orgSlug, roles }: { orgSlug: string; roles: Array<{ slug: string; label: string }> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const [description, setDescription] = useState("");
  const [orgRole, setOrgRole] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(createGroupAction, (created) => {
    setOpen(false);
    router.push(`/orgs/${orgSlug}/groups/${created.slug}`);
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Create group</Button>}
      title="Create a group"
      description="A team whose members all get the group's roles: its org role, if any, and the project roles you give it on each project's Members page."
      formError={formError}
      submitLabel="Create group"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, name, slug, description, orgRole })}>
      <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} placeholder="Backend" errors={fieldErrors.name} />
      <TextField label="Slug" value={slug} onChange={(event) => setSlug(event.target.value)} hint="In the group's address." errors={fieldErrors.slug} />
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        rows={2}
        errors={fieldErrors.description}
      />
      <GroupOrgRoleField value={orgRole} onChange={setOrgRole} roles={roles} errors={fieldErrors.orgRole} />
    </FormDialog>
  );
}
