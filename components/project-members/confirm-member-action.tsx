"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { leaveProjectAction, removeProjectMemberAction } from "@/lib/platform/actions/project-member-actions";

type Ref = { orgSlug: string; projectSlug: string };

export function RemoveMemberButton({ orgSlug, projectSlug, membershipId, memberName }: Ref & { membershipId: string; memberName: string }) {
  return (
    <ConfirmActionButton
      action={removeProjectMemberAction}
      input={{ orgSlug, projectSlug, membershipId }}
      trigger="Remove"
      triggerLabel={`Remove ${memberName}`}
      title={`Remove ${memberName} from the project?`}
      body="They lose every role here at once. They stay in the organization."
      confirm="Remove"
    />
  );
}

export function LeaveProjectButton({ orgSlug, projectSlug, soleAdmin }: Ref & { soleAdmin: boolean }) {
  return (
    <ConfirmActionButton
      action={leaveProjectAction}
      input={{ orgSlug, projectSlug, confirm: true as const }}
      goTo={({ orgSlug: home }) => `/orgs/${home}`}
      trigger="Leave project"
      title="Leave this project?"
      body={
        soleAdmin
          ? "You are its only Admin, so you cannot leave yet: make someone else an Admin first (their roles, below), or delete the project."
          : "You lose your roles here. A project admin can add you again."
      }
      confirmDisabled={soleAdmin}
      confirm="Leave project"
    />
  );
}
