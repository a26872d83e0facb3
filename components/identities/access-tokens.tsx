"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { revokeAccessTokenAction } from "@/lib/platform/actions/identity-actions";

/** Ends one live access token now, after asking; the service using it must log in again. */
export function RevokeAccessTokenButton({ orgSlug, identityId, accessTokenId, label }: { orgSlug: string; identityId: string; accessTokenId: string; label: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(revokeAccessTokenAction, () => router.refresh());
  return (
    <ConfirmDialog
      trigger="Revoke"
      triggerLabel={`Revoke access token ${label}`}
      title={`Revoke access token ${label}?`}
      body="Its next API request is refused, on every instance. Whatever uses it must log in again with a client secret."
      confirm="Revoke token"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, identityId, accessTokenId })}
    />
  );
}
