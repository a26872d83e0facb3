"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteIdentityAction } from "@/lib/platform/actions/identity-actions";

/** Deletes an identity after asking: its secrets and tokens stop working at once. */
export function DeleteIdentityButton({ orgSlug, identityId, name }: { orgSlug: string; identityId: string; name: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(deleteIdentityAction, () => {
    router.push(`/orgs/${orgSlug}/identities`);
    router.refresh();
  });
  return (
    <ConfirmDialog
      trigger="Delete identity"
      title={`Delete ${name}?`}
      body="Its client secrets and access tokens stop working at once, and it leaves every project. Its audit events stay."
      confirm="Delete identity"
      pending={pending}
      formError={formError}
      onConfirm={() => submit({ orgSlug, identityId })}
    />
  );
}
