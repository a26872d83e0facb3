"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { leaveOrgAction } from "@/lib/platform/actions/org-member-actions";

export function LeaveOrgButton({ orgSlug, soleAdmin }: { orgSlug: string; soleAdmin: boolean }) {
  return (
    <ConfirmActionButton
      action={leaveOrgAction}
      input={{ orgSlug }}
      goTo="/"
      trigger="Leave organization"
      title="Leave this organization?"
      body={
        soleAdmin
          ? "You are its only Admin, so you cannot leave yet: make someone else an Admin first (Members, their role), then leave."
          : "You lose access to it and to every project in it. An admin can invite you again."
      }
      confirmDisabled={soleAdmin}
      confirm="Leave organization"
    />
  );
}
