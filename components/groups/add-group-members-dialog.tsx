"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { PeoplePicker, type PickedPerson } from "@/components/ui/people-picker";
import { useFormAction } from "@/components/ui/use-form-action";
import { addGroupMembersAction, findGroupCandidatesAction } from "@/lib/platform/actions/group-actions";

/** Puts org members (people, and machine identities) in the group, several at once. */
export function AddGroupMembersDialog({ orgSlug, groupId, groupName }: { orgSlug: string; groupId: string; groupName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [identities, setIdentities] = useState<PickedPerson[]>([]);
  const chosen = [...people, ...identities];
  const { submit, pending, fieldErrors, formError } = useFormAction(addGroupMembersAction, () => {
    setOpen(false);
    setPeople([]);
    setIdentities([]);
    router.refresh();
  });
  const picker = (kind: "PERSON" | "IDENTITY") => ({
    queryKey: ["group-candidates", orgSlug, groupId, kind],
    search: async (q: string) => {
      const result = await findGroupCandidatesAction({ orgSlug, groupId, q, kind });
      if (!result.ok) throw new Error(result.formError ?? "The search failed.");
      return result.data.map(({ inGroup, ...member }) => ({
        ...member,
        detail: kind === "IDENTITY" ? "Machine identity" : member.email,
        unavailable: inGroup ? "Already in this group" : undefined,
      }));
    },
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Add members</Button>}
      title={`Add members to ${groupName}`}
      description="They hold everything the group holds from their next request on."
      formError={formError}
      submitLabel={chosen.length > 1 ? `Add ${chosen.length} members` : "Add member"}
      pendingLabel="Adding…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, groupId, userIds: chosen.map((person) => person.userId) })}>
      <PeoplePicker
        label="People"
        hint="Members of this organization."
        placeholder="Search by name or email"
        {...picker("PERSON")}
        noMatch={(q) => `No member of this organization matches "${q}".`}
        value={people}
        onChange={setPeople}
        errors={fieldErrors.userIds}
      />
      <PeoplePicker
        label="Machine identities"
        hint="The organization's machine identities."
        placeholder="Search by name"
        {...picker("IDENTITY")}
        noMatch={(q) => `No machine identity matches "${q}".`}
        value={identities}
        onChange={setIdentities}
      />
    </FormDialog>
  );
}
