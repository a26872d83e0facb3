"use client";

import { useRouter } from "next/navigation";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { joinProjectAsAdminAction } from "@/lib/platform/actions/project-actions";

/** An org Admin's way into a project they are not in: confirmed by typing "access", recorded, and told to the project's Admins. */
export function JoinAsAdminButton({ orgSlug, projectSlug, projectName }: { orgSlug: string; projectSlug: string; projectName: string }) {
  const router = useRouter();
  const { submit, pending, formError, fieldErrors } = useFormAction(joinProjectAsAdminAction, () => router.refresh());
  return (
    <TypedConfirmDialog
      trigger="Gain access"
      title={`Gain Admin access to ${projectName}?`}
      description="You become an Admin of this project. It is recorded in the audit log and the project's Admins are told by mail."
      expected="access"
      confirmLabel="Gain access"
      pendingLabel="Joining…"
      pending={pending}
      formError={formError}
      errors={fieldErrors.confirmation}
      onConfirm={(confirmation) => submit({ orgSlug, projectSlug, confirmation })}
    />
  );
}
