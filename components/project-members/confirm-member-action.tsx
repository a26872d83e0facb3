"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { leaveProjectAction, removeProjectMemberAction } from "@/lib/platform/actions/project-member-actions";

type Ref = { orgSlug: string; projectSlug: string };

export function RemoveMemberButton({ orgSlug, projectSlug, membershipId, memberName }: Ref & { membershipId: string; memberName: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(removeProjectMemberAction, () => router.refresh());
  return (
    <ConfirmDialog
      trigger={`Remove`}
      triggerLabel={`Remove ${memberName}`}
      title={`Remove ${memberName} from the project?`}
      body="They lose every role here at once. They stay in the organization."
      confirm="Remove"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, projectSlug, membershipId })}
    />
  );
}

export function LeaveProjectButton({ orgSlug, projectSlug }: Ref) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(leaveProjectAction, ({ orgSlug: home }) => {
    router.push(`/orgs/${home}`);
    router.refresh();
  });
  return (
    <ConfirmDialog
      trigger="Leave project"
      title="Leave this project?"
      body="You lose your roles here. A project admin can add you again."
      confirm="Leave project"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, projectSlug, confirm: true })}
    />
  );
}

