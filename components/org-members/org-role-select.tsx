"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeOrgMemberRoleAction, offersVoidedByRoleChangeAction } from "@/lib/actions/org-member-actions";
import { VoidedOffersNote } from "./voided-offers-note";

type RoleOption = { slug: string; label: string };

/** A role change someone picked and has not confirmed yet. */
type Proposal = { membershipId: string; memberName: string; from: string; to: string; picker: HTMLSelectElement; cancel: () => void };

type RoleChanges = { options: RoleOption[]; propose: (proposal: Proposal) => void };

const RoleChangesContext = createContext<RoleChanges>({ options: [], propose: () => undefined });

/**
 * The org's roles and one confirmation dialog for a whole page of members: each row's
 * picker only proposes a change, so 50 rows send the roles once and render one dialog.
 */
export function OrgRoleChanges({ orgSlug, options, children }: { orgSlug: string; options: RoleOption[]; children: ReactNode }) {
  const router = useRouter();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Kept past the dialog's closing, when the proposal is already gone: focus returns there.
  const picker = useRef<HTMLSelectElement | null>(null);
  const labelOf = (slug: string) => options.find((option) => option.slug === slug)?.label ?? slug;
  const { submit, pending, formError, fieldErrors, setFormError } = useFormAction(changeOrgMemberRoleAction, () => {
    if (proposal) setAnnouncement(`${proposal.memberName} is now ${labelOf(proposal.to)}.`);
    setProposal(null);
    router.refresh();
  });
  function close() {
    proposal?.cancel();
    setProposal(null);
  }
  const from = labelOf(proposal?.from ?? "");
  const to = labelOf(proposal?.to ?? "");
  return (
    <RoleChangesContext
      value={{
        options,
        propose: (next) => {
          picker.current = next.picker;
          setFormError(undefined);
          setAnnouncement("");
          setProposal(next);
        },
      }}
    >
      {children}
      <ConfirmDialog
        open={proposal !== null}
        onOpenChange={(open) => (open ? undefined : close())}
        returnFocusTo={() => (picker.current?.isConnected ? picker.current : null)}
        title={`Change ${proposal?.memberName ?? ""}'s role to ${to}?`}
        body={`${proposal?.memberName ?? ""} goes from ${from} to ${to}: they lose what ${from} allows and ${to} does not, from their next request.`}
        details={
          proposal ? (
            <VoidedOffersNote
              queryKey={[orgSlug, proposal.membershipId, proposal.to]}
              load={() => offersVoidedByRoleChangeAction({ orgSlug, membershipId: proposal.membershipId, role: proposal.to })}
              because="under the new role"
            />
          ) : null
        }
        confirm="Change role"
        pending={pending}
        formError={formError ?? fieldErrors.role?.[0]}
        onConfirm={() => proposal && submit({ orgSlug, membershipId: proposal.membershipId, role: proposal.to })}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </RoleChangesContext>
  );
}

type Props = { membershipId: string; memberName: string; role: string };

/**
 * A member's org role. Choosing another only proposes it (an arrow key on a focused select
 * changes its value): the page's dialog names the change and what it voids, and nothing is
 * saved until it is confirmed. Until the picker is focused or pressed it holds only the
 * current role: a page of 50 rows does not send every role 50 times.
 */
export function OrgRoleSelect({ membershipId, memberName, role }: Props) {
  const { options: allOptions, propose } = use(RoleChangesContext);
  const [expanded, setExpanded] = useState(false);
  const [proposed, setProposed] = useState<string | null>(null);
  const picker = useRef<HTMLSelectElement>(null);
  const current = allOptions.filter((option) => option.slug === role);
  const options = expanded || current.length === 0 ? allOptions : current;
  return (
    <select
      ref={picker}
      aria-label={`Role of ${memberName}`}
      value={proposed ?? role}
      onFocus={() => setExpanded(true)}
      onPointerDown={() => setExpanded(true)}
      onChange={(event) => {
        const to = event.target.value;
        if (to === role || !picker.current) return setProposed(null);
        setProposed(to);
        propose({ membershipId, memberName, from: role, to, picker: picker.current, cancel: () => setProposed(null) });
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
    >
      {options.map((option) => (
        <option key={option.slug} value={option.slug}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
