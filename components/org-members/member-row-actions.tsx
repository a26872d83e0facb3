"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  changeOrgMemberRoleAction,
  offersVoidedByRemovalAction,
  offersVoidedByRoleChangeAction,
  removeOrgMemberAction,
} from "@/lib/platform/actions/org-member-actions";
import { ORG_SUBJECTS } from "@/lib/platform/authz/catalogue";
import { describePermissions } from "@/lib/platform/authz/privilege";
import { MEMBER_ROW } from "./member-row-controls";
import { useOrgRoleChoices } from "./use-org-role-choices";
import { VoidedOffersNote } from "./voided-offers-note";

type RoleOption = { slug: string; label: string; description: string; permissions: string[] };
type Member = { membershipId: string; memberName: string };
/** A role change being chosen: `to` is null until a role other than the current one is picked. */
type RoleChange = Member & { from: string; fromName: string; to: string | null };

/** The member a row control (server HTML) names in its data attributes. */
function memberOf(control: HTMLElement): Member | null {
  const membershipId = control.getAttribute(MEMBER_ROW.membershipId);
  const memberName = control.getAttribute(MEMBER_ROW.memberName);
  return membershipId && memberName ? { membershipId, memberName } : null;
}

/**
 * Drives every row of a members page from one client component. The rows are server HTML
 * (a role button and a Remove button per member, see member-row-controls.tsx); their clicks
 * bubble to here, so a page of 50 members hydrates this one component, not 100.
 *
 * A role change is chosen in a dialog and saved only when confirmed: the dialog names the
 * change, what it takes away and the invitations it voids.
 */
export function MemberRowActions({ orgSlug, children }: { orgSlug: string; children: ReactNode }) {
  const router = useRouter();
  const [change, setChange] = useState<RoleChange | null>(null);
  const choices = useOrgRoleChoices(orgSlug, change !== null);
  const roles: RoleOption[] = choices.data?.all ?? [];
  const [removal, setRemoval] = useState<Member | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // The row button that opened a dialog, kept past its closing: focus returns there.
  const control = useRef<HTMLElement | null>(null);
  const labelOf = (slug: string) => roles.find((role) => role.slug === slug)?.label ?? slug;

  const roleChange = useFormAction(changeOrgMemberRoleAction, () => {
    if (change?.to) setAnnouncement(`${change.memberName} is now ${labelOf(change.to)}.`);
    setChange(null);
    router.refresh();
  });
  const memberRemoval = useFormAction(removeOrgMemberAction, () => {
    if (removal) setAnnouncement(`${removal.memberName} was removed from the organization.`);
    setRemoval(null);
    router.refresh();
  });

  function onRowClick(event: React.MouseEvent<HTMLElement>) {
    const button = (event.target as HTMLElement).closest<HTMLElement>(`button[${MEMBER_ROW.changeRole}], button[${MEMBER_ROW.remove}]`);
    const member = button ? memberOf(button) : null;
    if (!button || !member) return;
    control.current = button;
    setAnnouncement("");
    if (button.hasAttribute(MEMBER_ROW.remove)) {
      memberRemoval.setFormError(undefined);
      setRemoval(member);
    } else {
      roleChange.setFormError(undefined);
      const from = button.getAttribute(MEMBER_ROW.role) ?? "";
      setChange({ ...member, from, fromName: button.getAttribute(MEMBER_ROW.roleName) ?? from, to: null });
    }
  }
  const returnFocus = () => (control.current?.isConnected ? control.current : null);
  const from = change ? (roles.find((role) => role.slug === change.from)?.label ?? change.fromName) : "";
  const to = change?.to ? labelOf(change.to) : null;
  const difference = change?.to ? roleDifference(roles, change.from, change.to) : { gains: [], losses: [] };

  return (
    // Not itself interactive: it only hears the clicks of the row buttons inside.
    <div onClick={onRowClick}>
      {children}
      <ConfirmDialog
        open={change !== null}
        onOpenChange={(open) => (open ? undefined : setChange(null))}
        returnFocusTo={returnFocus}
        title={to ? `Change ${change?.memberName ?? ""}'s role to ${to}?` : `Change ${change?.memberName ?? ""}'s role`}
        body={
          to
            ? `${change?.memberName ?? ""} goes from ${from} to ${to}, from their next request.`
            : `${change?.memberName ?? ""} is ${from}. Choose another role; nothing changes until you confirm.`
        }
        details={
          change ? (
            <>
              {choices.data ? (
                <RoleChoice
                  roles={roles}
                  current={change.from}
                  value={change.to}
                  onChange={(next) => setChange({ ...change, to: next === change.from ? null : next })}
                />
              ) : (
                <p role={choices.isError ? "alert" : "status"} className="mb-3 text-sm text-slate-600">
                  {choices.isError ? choices.error.message : "Loading roles…"}
                </p>
              )}
              {change.to ? <RoleDifference {...difference} /> : null}
              {change.to ? (
                <VoidedOffersNote
                  queryKey={[orgSlug, change.membershipId, change.to]}
                  load={() => offersVoidedByRoleChangeAction({ orgSlug, membershipId: change.membershipId, role: change.to! })}
                  because="under the new role"
                />
              ) : null}
            </>
          ) : null
        }
        confirm="Change role"
        confirmVariant={difference.losses.length > 0 ? "danger" : "primary"}
        confirmDisabled={!change?.to}
        pending={roleChange.pending}
        formError={roleChange.formError ?? roleChange.fieldErrors.role?.[0]}
        onConfirm={() => change?.to && roleChange.submit({ orgSlug, membershipId: change.membershipId, role: change.to })}
      />
      <ConfirmDialog
        open={removal !== null}
        onOpenChange={(open) => (open ? undefined : setRemoval(null))}
        returnFocusTo={returnFocus}
        title={`Remove ${removal?.memberName ?? ""} from the organization?`}
        body="They lose access to the organization and every project in it at once."
        details={
          removal ? (
            <VoidedOffersNote
              queryKey={[orgSlug, removal.membershipId, "removal"]}
              load={() => offersVoidedByRemovalAction({ orgSlug, membershipId: removal.membershipId })}
              because="once they are no longer a member"
            />
          ) : null
        }
        confirm="Remove"
        pending={memberRemoval.pending}
        formError={memberRemoval.formError}
        onConfirm={() => removal && memberRemoval.submit({ orgSlug, membershipId: removal.membershipId })}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/** The org's roles as radio buttons; the member's current role is marked. */
function RoleChoice({ roles, current, value, onChange }: { roles: RoleOption[]; current: string; value: string | null; onChange: (role: string) => void }) {
  return (
    <fieldset className="mb-3">
      <legend className="sr-only">Role</legend>
      <div className="flex max-h-72 flex-col gap-1 overflow-y-auto rounded-md border border-slate-200 p-1">
        {roles.map((role) => (
          <label key={role.slug} className="flex cursor-pointer items-start gap-3 rounded px-2 py-1.5 hover:bg-slate-50">
            <input
              type="radio"
              name="org-role"
              className="mt-1"
              value={role.slug}
              checked={(value ?? current) === role.slug}
              onChange={() => onChange(role.slug)}
            />
            <span>
              <span className="block font-medium text-slate-900">
                {role.label} {role.slug === current ? <span className="text-xs font-normal text-slate-600">(current)</span> : null}
              </span>
              {role.description ? <span className="block text-xs text-slate-600">{role.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** What moving from one role to another gives and takes away, in the catalogue's words. */
function roleDifference(roles: RoleOption[], from: string, to: string): { gains: string[]; losses: string[] } {
  const before = roles.find((role) => role.slug === from)?.permissions ?? [];
  const after = roles.find((role) => role.slug === to)?.permissions ?? [];
  return {
    gains: describePermissions(
      after.filter((permission) => !before.includes(permission)),
      ORG_SUBJECTS,
    ),
    losses: describePermissions(
      before.filter((permission) => !after.includes(permission)),
      ORG_SUBJECTS,
    ),
  };
}

function RoleDifference({ gains, losses }: { gains: string[]; losses: string[] }) {
  return (
    <div className="mb-3 grid gap-3 sm:grid-cols-2">
      <div>
        <h3 className="text-sm font-medium text-slate-900">They gain</h3>
        <ul aria-label="They gain" className="mt-1 list-disc pl-5 text-xs text-slate-700">
          {gains.length ? gains.map((line) => <li key={line}>{line}</li>) : <li className="list-none -ml-5">Nothing</li>}
        </ul>
      </div>
      <div>
        <h3 className="text-sm font-medium text-slate-900">They lose</h3>
        <ul aria-label="They lose" className="mt-1 list-disc pl-5 text-xs text-red-800">
          {losses.length ? losses.map((line) => <li key={line}>{line}</li>) : <li className="list-none -ml-5 text-slate-700">Nothing</li>}
        </ul>
      </div>
    </div>
  );
}
