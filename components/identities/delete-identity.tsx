"use client";

import { useRouter } from "next/navigation";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteIdentityAction } from "@/lib/platform/actions/identity-actions";

/**
 * Deletes an identity once its name is typed: whatever runs with it stops at once, so a
 * stray click or Enter must not do it.
 */
export function DeleteIdentityButton({ orgSlug, identityId, name }: { orgSlug: string; identityId: string; name: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(deleteIdentityAction, () => {
    router.push(`/orgs/${orgSlug}/identities`);
    router.refresh();
  });
  return (
    <TypedConfirmDialog
      trigger="Delete identity"
      title={`Delete ${name}?`}
      description="Its client secrets and access tokens stop working at once, and it leaves every project. Its audit events stay."
      expected={name}
      confirmLabel="Delete identity"
      pendingLabel="Deleting…"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, identityId })}
    />
  );
}
