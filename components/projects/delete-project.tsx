"use client";

import { useRouter } from "next/navigation";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteProjectAction } from "@/lib/platform/actions/project-actions";

/** Deleting is final, so the person types the project's slug to confirm. */
export function DeleteProject({ orgSlug, projectSlug, projectName }: { orgSlug: string; projectSlug: string; projectName: string }) {
  const router = useRouter();
  const { submit, pending, fieldErrors, formError } = useFormAction(deleteProjectAction, ({ orgSlug: home }) => {
    router.push(`/orgs/${home}`);
    router.refresh();
  });
  return (
    <TypedConfirmDialog
      trigger="Delete project"
      title={`Delete ${projectName}?`}
      description="The project, its members and everything stored in it are deleted for good. This cannot be undone."
      expected={projectSlug}
      confirmLabel="Delete this project"
      pendingLabel="Deleting…"
      pending={pending}
      formError={formError}
      errors={fieldErrors.confirmation}
      onConfirm={(confirmation) => submit({ orgSlug, projectSlug, confirmation })}
    />
  );
}
