"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyLinkField } from "@/components/ui/copy-link-field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useShownOnceDialog } from "@/components/ui/use-shown-once-dialog";
import { FreeSeatsNote } from "@/components/invitations/free-seats-note";
import { OrgRoleGrantNotice, type GrantableOrgRole } from "@/components/invitations/org-role-grant-notice";
import { ProjectRolesField, type ProjectRoleDraft } from "@/components/invitations/project-roles-field";
import { createInviteLinkAction } from "@/lib/platform/actions/invite-link-actions";

type Props = {
  orgSlug: string;
  roles: GrantableOrgRole[];
  freeSeats: number | null;
  /** Whether this server confirms addresses by mail (SMTP_URL set). */
  addressesVerified: boolean;
};

// A link travels further than an invitation: it starts limited to 10 uses and 7 days.
const EMPTY = { name: "", role: "member", expiresInDays: "7", maxUses: "10", allowedDomain: "" };

/** Creates a shareable join link; the link is shown once, right here, to copy. */
export function CreateInviteLinkDialog({ orgSlug, roles, freeSeats, addressesVerified }: Props) {
  const [fields, setFields] = useState(EMPTY);
  const [projectRoles, setProjectRoles] = useState<ProjectRoleDraft[]>([]);
  const [confirmHighPrivilege, setConfirmHighPrivilege] = useState(false);
  const { submit, pending, fieldErrors, formError, open, onOpenChange, made } = useShownOnceDialog(createInviteLinkAction, () => {
    setFields(EMPTY);
    setProjectRoles([]);
    setConfirmHighPrivilege(false);
  });
  const createdPath = made?.path ?? null;
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button variant="secondary">Create invite link</Button>}
      title="Create an invite link"
      description="Anyone with the link can join with the roles you set here, until it expires, runs out of uses or is revoked."
      formError={formError}
      submitLabel="Create link"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, ...fields, projectRoles, confirmHighPrivilege })}
      result={
        createdPath ? (
          <div role="status" className="flex flex-col gap-2 rounded-md bg-green-50 p-3 text-sm text-green-900">
            <span>Link created. Copy it now: for safety it is not shown again.</span>
            <CopyLinkField path={createdPath} label="New invite link" />
          </div>
        ) : null
      }>
      <FreeSeatsNote freeSeats={freeSeats} whenFull="No seats are free: nobody can join through a link until a seat is freed or the plan upgraded." />
      <TextField label="Link name" value={fields.name} onChange={set("name")} hint="Only admins see it, in the list of links." errors={fieldErrors.name} />
      <div className="flex gap-4">
        <SelectField
          label="Role"
          className="flex-1"
          value={fields.role}
          onChange={(event) => {
            set("role")(event);
            setConfirmHighPrivilege(false);
          }}
          options={roles.map((option) => ({ value: option.slug, label: option.label }))}
          errors={fieldErrors.role}
        />
        <TextField
          label="Expires after (days)"
          className="w-40"
          type="number"
          min={1}
          max={30}
          value={fields.expiresInDays}
          onChange={set("expiresInDays")}
          errors={fieldErrors.expiresInDays}
        />
      </div>
      <div className="flex gap-4">
        <TextField
          label="Max uses"
          className="w-40"
          type="number"
          min={1}
          value={fields.maxUses}
          onChange={set("maxUses")}
          hint="Empty: no limit but the seats."
          errors={fieldErrors.maxUses}
        />
        <TextField
          label="Allowed email domain"
          className="flex-1"
          placeholder="example.com"
          value={fields.allowedDomain}
          onChange={set("allowedDomain")}
          hint={
            addressesVerified
              ? "Empty: any address. Joiners confirm their address by mail first."
              : "Empty: any address. This server has no mail set up, so addresses are not confirmed: the domain is what people type."
          }
          errors={fieldErrors.allowedDomain}
        />
      </div>
      <OrgRoleGrantNotice
        role={roles.find((option) => option.slug === fields.role)}
        recipients="Everyone who joins through the link"
        confirmed={confirmHighPrivilege}
        onConfirmedChange={setConfirmHighPrivilege}
        errors={fieldErrors.confirmHighPrivilege}
      />
      <ProjectRolesField orgSlug={orgSlug} value={projectRoles} onChange={setProjectRoles} errors={fieldErrors.projectRoles} />
    </FormDialog>
  );
}
