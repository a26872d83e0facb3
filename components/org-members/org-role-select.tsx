"use client";

import { useRouter } from "next/navigation";
import { createContext, use, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeOrgMemberRoleAction, offersVoidedByRoleChangeAction } from "@/lib/actions/org-member-actions";
import { VoidedOffersNote } from "./voided-offers-note";

type RoleOption = { slug: string; label: string };

const RoleOptionsContext = createContext<RoleOption[]>([]);

/** The org's roles, sent to the browser once for every row's picker instead of once per row. */
export function OrgRoleOptions({ options, children }: { options: RoleOption[]; children: ReactNode }) {
  return <RoleOptionsContext value={options}>{children}</RoleOptionsContext>;
}

type Props = { orgSlug: string; membershipId: string; memberName: string; role: string };

/**
 * A member's org role. Choosing another only proposes it (an arrow key on a focused select
 * changes its value): a dialog names the change and what it voids, and nothing is saved
 * until it is confirmed. Until the picker is focused or pressed it holds only the current
 * role: a page of 50 rows does not send every role 50 times.
 */
export function OrgRoleSelect({ orgSlug, membershipId, memberName, role }: Props) {
  const allOptions = use(RoleOptionsContext);
  const [expanded, setExpanded] = useState(false);
  const router = useRouter();
  const [proposed, setProposed] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const select = useRef<HTMLSelectElement>(null);
  const labelOf = (slug: string) => allOptions.find((option) => option.slug === slug)?.label ?? slug;
  const current = allOptions.filter((option) => option.slug === role);
  const options = expanded || current.length === 0 ? allOptions : current;
  const { submit, pending, formError, fieldErrors, setFormError } = useFormAction(changeOrgMemberRoleAction, () => {
    setAnnouncement(`${memberName} is now ${labelOf(proposed ?? role)}.`);
    setProposed(null);
    router.refresh();
  });
  return (
    <div className="flex flex-col gap-1">
      <select
        ref={select}
        aria-label={`Role of ${memberName}`}
        value={proposed ?? role}
        disabled={pending}
        onFocus={() => setExpanded(true)}
        onPointerDown={() => setExpanded(true)}
        onChange={(event) => {
          setFormError(undefined);
          setAnnouncement("");
          setProposed(event.target.value === role ? null : event.target.value);
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {options.map((option) => (
          <option key={option.slug} value={option.slug}>
            {option.label}
          </option>
        ))}
      </select>
      <ConfirmDialog
        open={proposed !== null}
        onOpenChange={(open) => (open ? undefined : setProposed(null))}
        returnFocusTo={() => select.current}
        title={`Change ${memberName}'s role to ${labelOf(proposed ?? role)}?`}
        body={`${memberName} goes from ${labelOf(role)} to ${labelOf(proposed ?? role)}: they lose what ${labelOf(role)} allows and ${labelOf(proposed ?? role)} does not, from their next request.`}
        details={
          proposed ? (
            <VoidedOffersNote
              queryKey={[orgSlug, membershipId, proposed]}
              load={() => offersVoidedByRoleChangeAction({ orgSlug, membershipId, role: proposed })}
              because="under the new role"
            />
          ) : null
        }
        confirm="Change role"
        pending={pending}
        formError={formError ?? fieldErrors.role?.[0]}
        onConfirm={() => proposed && submit({ orgSlug, membershipId, role: proposed })}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
