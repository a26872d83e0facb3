"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { CopyField } from "@/components/ui/copy-link-field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useShownOnceDialog } from "@/components/ui/use-shown-once-dialog";
import { createScimTokenAction, revokeScimTokenAction } from "@/lib/platform/actions/org-actions";
import { SCIM_TOKEN_LIFETIMES } from "@/lib/platform/scim/schemas";

const LIFETIMES = Object.entries(SCIM_TOKEN_LIFETIMES).map(([value, label]) => ({ value, label }));

/** Makes a provisioning token and shows it once, beside the SCIM base URL the provider needs. */
export function CreateScimTokenDialog({ orgSlug, baseUrl }: { orgSlug: string; baseUrl: string }) {
  const [fields, setFields] = useState({ name: "", expiresIn: "365" });
  const { submit, pending, fieldErrors, formError, open, onOpenChange, made } = useShownOnceDialog(createScimTokenAction, () =>
    setFields({ name: "", expiresIn: "365" }),
  );
  const token = made?.token ?? null;
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button>Create provisioning token</Button>}
      title="Create a provisioning token"
      description="Your identity provider sends it with every SCIM request. It acts with your authority: if you stop being able to manage members and groups here, it stops working. Only a hash is kept: copy it now."
      formError={formError}
      submitLabel="Create token"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, name: fields.name, expiresIn: fields.expiresIn as keyof typeof SCIM_TOKEN_LIFETIMES })}
      result={
        token ? (
          <div role="status" className="flex flex-col gap-2 rounded-md bg-green-50 p-3 text-sm text-green-900">
            <span>Token created. Copy it now: it is not shown again.</span>
            <span className="flex flex-col gap-1">
              <span className="text-xs font-medium">SCIM base URL (tenant URL)</span>
              <CopyField value={baseUrl} label="SCIM base URL" />
            </span>
            <span className="flex flex-col gap-1">
              <span className="text-xs font-medium">Token: keep it like a password</span>
              <CopyField value={token} label="Provisioning token" />
            </span>
          </div>
        ) : null
      }>
      <TextField
        label="Name"
        value={fields.name}
        onChange={(event) => setFields((current) => ({ ...current, name: event.target.value }))}
        placeholder="Okta"
        errors={fieldErrors.name}
        required
      />
      <SelectField
        label="Expires"
        options={LIFETIMES}
        value={fields.expiresIn}
        onChange={(event) => setFields((current) => ({ ...current, expiresIn: event.target.value }))}
        errors={fieldErrors.expiresIn}
      />
    </FormDialog>
  );
}

export function RevokeScimTokenButton({ orgSlug, tokenId, name }: { orgSlug: string; tokenId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={revokeScimTokenAction}
      input={{ orgSlug, tokenId }}
      trigger="Revoke"
      triggerLabel={`Revoke provisioning token ${name}`}
      title={`Revoke ${name}?`}
      body="The identity provider's next request with it is refused: people and groups stop being provisioned until it has a new token."
      confirm="Revoke token"
    />
  );
}
