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
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string; permissions: string[] }>;
  kind?: "PERSON" | "IDENTITY";
  /** A Secrets project: identities are told when the chosen roles read no values. */
  readsSecrets?: boolean;
};

export function AddMemberDialog({ orgSlug, projectSlug, roles, kind = "PERSON", readsSecrets = false }: Props) {
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
        {identities &&
        readsSecrets &&
        grants.length > 0 &&
        !grants.some((grant) => roles.find((role) => role.slug === grant.role)?.permissions.includes("secret:read-value")) ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            These roles cannot read secret values: through the API it gets each key with an empty value. Add a role that reads values if it needs them.
          </p>
        ) : null}
      </FormDialog>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
