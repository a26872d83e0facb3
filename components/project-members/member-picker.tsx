"use client";

import { PeoplePicker, type PickedPerson } from "@/components/ui/people-picker";
import { findAddableMembersAction } from "@/lib/platform/actions/project-member-actions";

export type PickedMember = PickedPerson;

type Props = {
  orgSlug: string;
  projectSlug: string;
  value: PickedMember[];
  onChange: (next: PickedMember[]) => void;
  errors?: string[];
  /** People (by name or email) or the org's machine identities (by name). */
  kind?: "PERSON" | "IDENTITY";
};

/** Org members to add to a project, several at once; those already in it are shown, not offered. */
export function MemberPicker({ orgSlug, projectSlug, value, onChange, errors, kind = "PERSON" }: Props) {
  const identities = kind === "IDENTITY";
  return (
    <PeoplePicker
      label={identities ? "Machine identities" : "People"}
      hint={`${identities ? "The organization's machine identities." : "Members of this organization."} Choose several to give them the same roles.`}
      placeholder={identities ? "Search by name" : "Search by name or email"}
      queryKey={["addable-members", orgSlug, projectSlug, kind]}
      search={async (q) => {
        const result = await findAddableMembersAction({ orgSlug, projectSlug, q, kind });
        if (!result.ok) throw new Error(result.formError ?? "The search failed.");
        return result.data.map(({ inProject, ...member }) => ({
          ...member,
          detail: identities ? "Machine identity" : member.email,
          unavailable: inProject ? "Already in this project" : undefined,
        }));
      }}
      noMatch={(q) => `No ${identities ? "machine identity" : "member of this organization"} matches "${q}".`}
      value={value}
      onChange={onChange}
      errors={errors}
    />
  );
}
