"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { deleteIdentityAction } from "@/lib/platform/actions/identity-actions";

/** Deletes an identity after asking: its secrets and tokens stop working at once. */
export function DeleteIdentityButton({ orgSlug, identityId, name }: { orgSlug: string; identityId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deleteIdentityAction}
      input={{ orgSlug, identityId }}
      goTo={`/orgs/${orgSlug}/identities`}
      trigger="Delete identity"
      title={`Delete ${name}?`}
      body="Its client secrets and access tokens stop working at once, and it leaves every project. Its audit events stay."
      confirm="Delete identity"
    />
  );
}
