"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { addProjectMemberAction } from "@/lib/actions/project-member-actions";
import { RoleGrantsField, toGrantInput, type GrantDraft } from "./role-grants-field";

type Props = {
  orgSlug: string;
  projectSlug: string;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
};

export function AddMemberDialog({ orgSlug, projectSlug, roles }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  // Nothing ticked: the person gets exactly the roles chosen here, no default on top.
  const [grants, setGrants] = useState<GrantDraft[]>([]);
  const { submit, pending, fieldErrors, formError } = useFormAction(addProjectMemberAction, () => {
    setOpen(false);
    setEmail("");
    setGrants([]);
    router.refresh();
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add member</Button>}
      title="Add a member"
      description="Add someone who is already in this organization. Give each role for good, or until a time you choose."
      formError={formError}
      submitLabel="Add member"
      pendingLabel="Adding…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, projectSlug, email, grants: toGrantInput(grants) })}
    >
      <TextField
        label="Email of an organization member"
        name="email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={fieldErrors.email}
      />
      <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
    </FormDialog>
  );
}
