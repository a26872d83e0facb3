"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { revokeAccessTokenAction } from "@/lib/platform/actions/identity-actions";

/** Ends one live access token now, after asking; the service using it must log in again. */
export function RevokeAccessTokenButton({
  orgSlug,
  identityId,
  accessTokenId,
  label,
}: {
  orgSlug: string;
  identityId: string;
  accessTokenId: string;
  label: string;
}) {
  return (
    <ConfirmActionButton
      action={revokeAccessTokenAction}
      input={{ orgSlug, identityId, accessTokenId }}
      trigger="Revoke"
      triggerLabel={`Revoke access token ${label}`}
      title={`Revoke access token ${label}?`}
      body="Its next API request is refused, on every instance. Whatever uses it must log in again with a client secret."
      confirm="Revoke token"
    />
  );
}
