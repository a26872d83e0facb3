"use client";

import { useRouter } from "next/navigation";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteOrgAction } from "@/lib/platform/actions/org-actions";

/** Deleting an org is final, so the person types its slug to confirm. */
export function DeleteOrg({ orgSlug, orgName }: { orgSlug: string; orgName: string }) {
  const router = useRouter();
  const { submit, pending, fieldErrors, formError } = useFormAction(deleteOrgAction, () => {
    router.push("/");
    router.refresh();
  });
  return (
    <TypedConfirmDialog
      trigger="Delete organization"
      title={`Delete ${orgName}?`}
      description="The organization, its projects, members, invitations and audit log are deleted for good. This cannot be undone."
      expected={orgSlug}
      confirmLabel="Delete this organization"
      pendingLabel="Deleting…"
      pending={pending}
      formError={formError}
      errors={fieldErrors.confirmation}
      onConfirm={(confirmation) => submit({ orgSlug, confirmation })}
    />
  );
}
