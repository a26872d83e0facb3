"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { leaveOrgAction } from "@/lib/platform/actions/org-member-actions";

export function LeaveOrgButton({ orgSlug }: { orgSlug: string }) {
  return (
    <ConfirmActionButton
      action={leaveOrgAction}
      input={{ orgSlug }}
      goTo="/"
      trigger="Leave organization"
      title="Leave this organization?"
      body="You lose access to it and to every project in it. An admin can invite you again."
      confirm="Leave organization"
    />
  );
}
