"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { changeProjectMemberRolesAction } from "@/lib/platform/actions/project-member-actions";
import { fromIsoGrants, RoleGrantsField, toGrantInput, type GrantDraft } from "./role-grants-field";

type Props = {
  orgSlug: string;
  projectSlug: string;
  membershipId: string;
  memberName: string;
  /** Current grants, with expiry as an ISO instant. */
  current: Array<{ role: GrantDraft["role"]; expiresAt: string | null }>;
  roles: Array<{ slug: GrantDraft["role"]; label: string; description: string }>;
};

export function ChangeRolesDialog({ orgSlug, projectSlug, membershipId, memberName, current, roles }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [grants, setGrants] = useState<GrantDraft[]>(() => fromIsoGrants(current));
  const { submit, pending, fieldErrors, formError } = useFormAction(changeProjectMemberRolesAction, () => {
    setOpen(false);
    router.refresh();
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (next) setGrants(fromIsoGrants(current));
        setOpen(next);
      }}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Change roles of ${memberName}`}>
          Change roles
        </Button>
      }
      title={`Roles of ${memberName}`}
      description="The change applies on their next request."
      formError={formError}
      submitLabel="Save roles"
      pendingLabel="Saving…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, projectSlug, membershipId, grants: toGrantInput(grants) })}>
      <RoleGrantsField roles={roles} value={grants} onChange={setGrants} errors={fieldErrors.grants} />
    </FormDialog>
  );
}
