"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { fromIsoGrants, RoleGrantsField, toGrantInput, type GrantDraft } from "@/components/project-members/role-grants-field";
import { setGroupProjectRolesAction } from "@/lib/platform/actions/group-actions";

type Props = {
  orgSlug: string;
  projectSlug: string;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
} & (
  | { group: { id: string; name: string; current: Array<{ role: GrantDraft["role"]; expiresAt: string | null }> }; addable?: never }
  | { group?: never; addable: Array<{ id: string; name: string }> }
);

/** Gives a group roles in the project (choosing the group when adding one), or changes them. */
export function GroupRolesDialog({ orgSlug, projectSlug, roles, group, addable }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [groupId, setGroupId] = useState(group?.id ?? "");
  const [grants, setGrants] = useState<GrantDraft[]>(() => fromIsoGrants(group?.current ?? []));
  const { submit, pending, fieldErrors, formError } = useFormAction(setGroupProjectRolesAction, () => {
    setOpen(false);
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (next) setGrants(fromIsoGrants(group?.current ?? []));
        setOpen(next);
      }}
      trigger={
        group ? (
          <Button variant="secondary" className="px-3 py-1" aria-label={`Change roles of group ${group.name}`}>
            Change roles
          </Button>
        ) : (
          <Button variant="secondary">Add group</Button>
        )
      }
      title={group ? `Roles of group ${group.name}` : "Add a group"}
      description="Every member of the group holds these roles here, from their next request on, besides their own."
      formError={formError}
      submitLabel={group ? "Save roles" : "Add group"}
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, projectSlug, groupId, grants: toGrantInput(grants) })}>
      {addable ? (
        <SelectField
          label="Group"
          value={groupId}
          onChange={(event) => setGroupId(event.target.value)}
          options={[{ value: "", label: "Choose a group" }, ...addable.map((option) => ({ value: option.id, label: option.name }))]}
          errors={fieldErrors.groupId}
        />
      ) : null}
      <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
    </FormDialog>
  );
}
