"use client";

import { DecideRequestForm } from "@/components/approvals/decide-request-form";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { decideRoleRequestAction, endMyRoleRequestAction, endRoleGrantAction } from "@/lib/platform/actions/role-request-actions";

type ProjectRef = { orgSlug: string; projectSlug: string; requestId: string };

export function DecideRoleRequestForm(ref: ProjectRef) {
  return <DecideRequestForm request={ref} action={decideRoleRequestAction} />;
}

/** The requester withdraws a waiting request, or gives back the role they hold through it. */
export function EndMyRequestButton({ orgSlug, requestId, waiting, roleName }: { orgSlug: string; requestId: string; waiting: boolean; roleName: string }) {
  return (
    <ConfirmActionButton
      action={endMyRoleRequestAction}
      input={{ orgSlug, requestId }}
      trigger={waiting ? "Cancel request" : "End now"}
      title={waiting ? "Cancel this request?" : `Give back the ${roleName} role now?`}
      body={waiting ? "Approvers no longer see it. You may ask again." : "You lose what the role allows at once. You may ask again."}
      confirm={waiting ? "Cancel request" : "End now"}
    />
  );
}

/** An approver ends someone's requested role before its time. */
export function EndRoleGrantButton({ roleName, requesterName, ...ref }: ProjectRef & { roleName: string; requesterName: string }) {
  return (
    <ConfirmActionButton
      action={endRoleGrantAction}
      input={ref}
      trigger="End now"
      title={`End ${requesterName}'s ${roleName} role now?`}
      body="They lose what the role allows at once, and are told nothing more: the request page shows who ended it."
      confirm="End now"
    />
  );
}
