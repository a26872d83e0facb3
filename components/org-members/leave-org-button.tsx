"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { leaveOrgAction } from "@/lib/platform/actions/org-member-actions";

export function LeaveOrgButton({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(leaveOrgAction, () => {
    router.push("/");
    router.refresh();
  });
  return (
    <ConfirmDialog
      trigger="Leave organization"
      title="Leave this organization?"
      body="You lose access to it and to every project in it. An admin can invite you again."
      confirm="Leave organization"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug })}
    />
  );
}
