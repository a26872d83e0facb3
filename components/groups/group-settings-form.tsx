"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitRow } from "@/components/ui/submit-row";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { GroupOrgRoleField } from "./group-org-role-field";
import { updateGroupAction } from "@/lib/platform/actions/group-actions";

type Props = {
  orgSlug: string;
  group: { id: string; name: string; description: string; orgRole: string | null };
  roles: Array<{ slug: string; label: string }>;
};

/** The group's name, description and org role; what was typed stays on a refusal. */
export function GroupSettingsForm({ orgSlug, group, roles }: Props) {
  const router = useRouter();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [orgRole, setOrgRole] = useState(group.orgRole ?? "");
  const [saved, setSaved] = useState(false);
  const { submit, pending, fieldErrors, formError } = useFormAction(updateGroupAction, () => {
    setSaved(true);
    router.refresh();
  });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        submit({ orgSlug, groupId: group.id, name, description, orgRole });
      }}>
      <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        rows={2}
        errors={fieldErrors.description}
      />
      <GroupOrgRoleField value={orgRole} onChange={setOrgRole} roles={roles} errors={fieldErrors.orgRole} />
      <FormMessage message={formError} />
      <SubmitRow pending={pending} label="Save group" pendingLabel="Saving…" done={saved ? "Saved." : null} />
    </form>
  );
}
