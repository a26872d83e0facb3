"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useShownOnceDialog } from "@/components/ui/use-shown-once-dialog";
import { FreeSeatsNote } from "@/components/invitations/free-seats-note";
import { createInvitationsAction } from "@/lib/platform/actions/invitation-actions";
import type { InvitationDelivery } from "@/lib/platform/actions/invitation-actions";
import { InvitationLinks } from "./invitation-links";
import { useOrgRoleChoices } from "@/components/org-members/use-org-role-choices";
import { OrgRoleGrantNotice, type GrantableOrgRole } from "./org-role-grant-notice";
import { ProjectRolesField, type ProjectRoleDraft } from "./project-roles-field";

type Props = {
  orgSlug: string;
  freeSeats: number | null;
  /** Whether this server mails invitations (SMTP_URL set); otherwise the links are shown to copy. */
  mailed: boolean;
};

export function InviteDialog({ orgSlug, freeSeats, mailed }: Props) {
  const id = useId();
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState("member");
  const [confirmHighPrivilege, setConfirmHighPrivilege] = useState(false);
  const [projectRoles, setProjectRoles] = useState<ProjectRoleDraft[]>([]);
  const [expiresInDays, setExpiresInDays] = useState("7");
  const { submit, pending, fieldErrors, formError, open, onOpenChange, made } = useShownOnceDialog(createInvitationsAction, () => setEmails(""));
  const links: InvitationDelivery[] = made ?? [];
  const choices = useOrgRoleChoices(orgSlug, open);
  const roles: GrantableOrgRole[] = choices.data?.grantable ?? [];

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button>Invite people</Button>}
      title="Invite people"
      description={
        mailed
          ? "They join with the role you choose when they accept the invitation we mail them."
          : "They join with the role you choose when they accept. Mail is not set up on this server: you get each invitation's link to send them yourself."
      }
      formError={formError}
      submitLabel="Create invitations"
      pendingLabel="Inviting…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, emails, role, projectRoles, expiresInDays, confirmHighPrivilege })}
      result={links.length > 0 ? <InvitationLinks deliveries={links} /> : null}>
      <FreeSeatsNote
        freeSeats={freeSeats}
        whenFull="No seats are free: invitations can be sent, but nobody can accept until a seat is freed or the plan upgraded."
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-emails`} className="text-sm font-medium text-slate-800">
          Email addresses
        </label>
        <textarea
          id={`${id}-emails`}
          rows={3}
          value={emails}
          onChange={(event) => setEmails(event.target.value)}
          aria-invalid={fieldErrors.emails ? true : undefined}
          aria-describedby={`${id}-emails-hint${fieldErrors.emails ? ` ${id}-emails-error` : ""}`}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <p id={`${id}-emails-hint`} className="text-xs text-slate-500">
          Separate addresses with commas or new lines (up to 50).
        </p>
        {fieldErrors.emails ? (
          <p id={`${id}-emails-error`} className="text-sm text-red-700">
            {fieldErrors.emails[0]}
          </p>
        ) : null}
      </div>
      <div className="flex gap-4">
        <SelectField
          label="Role"
          className="flex-1"
          value={role}
          onChange={(event) => {
            setRole(event.target.value);
            setConfirmHighPrivilege(false);
          }}
          options={choices.data ? roles.map((option) => ({ value: option.slug, label: option.label })) : [{ value: role, label: "Loading roles…" }]}
          disabled={!choices.data}
          errors={fieldErrors.role ?? (choices.isError ? [choices.error.message] : undefined)}
        />
        <TextField
          label="Expires after (days)"
          className="w-40"
          type="number"
          min={1}
          max={30}
          value={expiresInDays}
          onChange={(event) => setExpiresInDays(event.target.value)}
          errors={fieldErrors.expiresInDays}
        />
      </div>
      <OrgRoleGrantNotice
        role={roles.find((option) => option.slug === role)}
        recipients="Whoever accepts"
        confirmed={confirmHighPrivilege}
        onConfirmedChange={setConfirmHighPrivilege}
        errors={fieldErrors.confirmHighPrivilege}
      />
      <ProjectRolesField orgSlug={orgSlug} value={projectRoles} onChange={setProjectRoles} errors={fieldErrors.projectRoles} />
    </FormDialog>
  );
}
