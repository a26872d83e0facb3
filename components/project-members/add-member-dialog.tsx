"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { addProjectMemberAction } from "@/lib/platform/actions/project-member-actions";
import { MemberPicker, type PickedMember } from "./member-picker";
import { RoleGrantsField, toGrantInput, type GrantDraft } from "./role-grants-field";

type Props = {
  orgSlug: string;
  projectSlug: string;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
  kind?: "PERSON" | "IDENTITY";
};

export function AddMemberDialog({ orgSlug, projectSlug, roles, kind = "PERSON" }: Props) {
  const identities = kind === "IDENTITY";
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<PickedMember[]>([]);
  // Nothing ticked: the people get exactly the roles chosen here, no default on top.
  const [grants, setGrants] = useState<GrantDraft[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(addProjectMemberAction, ({ added }) => {
    setAnnouncement(added === 1 ? `${people[0]?.name ?? "They"} was added to the project.` : `${added} people were added to the project.`);
    setOpen(false);
    setPeople([]);
    setGrants([]);
    router.refresh();
  });

  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        trigger={identities ? <Button variant="secondary">Add identity</Button> : <Button>Add member</Button>}
        title={identities ? "Add machine identities" : "Add members"}
        description={
          identities
            ? "Give the organization's machine identities roles here: they read and write this project's secrets through the API with them."
            : "Add people who are already in this organization. Give each role for good, or until a time you choose."
        }
        formError={formError}
        submitLabel={identities ? "Add to project" : people.length > 1 ? `Add ${people.length} members` : "Add member"}
        pendingLabel="Adding…"
        pending={pending}
        onSubmit={() => submit({ orgSlug, projectSlug, userIds: people.map((person) => person.userId), grants: toGrantInput(grants) })}>
        <MemberPicker kind={kind} orgSlug={orgSlug} projectSlug={projectSlug} value={people} onChange={setPeople} errors={fieldErrors.userIds} />
        <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
      </FormDialog>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
