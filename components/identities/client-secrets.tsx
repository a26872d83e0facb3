"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { CopyField } from "@/components/ui/copy-link-field";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { useShownOnceDialog } from "@/components/ui/use-shown-once-dialog";
import { createClientSecretAction, revokeClientSecretAction } from "@/lib/platform/actions/identity-actions";

type Ref = { orgSlug: string; identityId: string };

/** Makes a client secret and shows it once, with the client id beside it, to copy. */
export function CreateClientSecretDialog({ orgSlug, identityId }: Ref) {
  const [fields, setFields] = useState({ description: "", ttlDays: "0", maxUses: "0" });
  const {
    submit,
    pending,
    fieldErrors,
    formError,
    open,
    onOpenChange,
    made: created,
  } = useShownOnceDialog(createClientSecretAction, () => setFields({ description: "", ttlDays: "0", maxUses: "0" }));
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button>Create client secret</Button>}
      title="Create a client secret"
      description="With the client id, it logs this identity in (Universal Auth). Only a hash is kept: copy it now."
      formError={formError}
      submitLabel="Create secret"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, identityId, description: fields.description, ttlSeconds: Number(fields.ttlDays) * 86_400, maxUses: fields.maxUses })}
      result={
        created ? (
          <div role="status" className="flex flex-col gap-2 rounded-md bg-green-50 p-3 text-sm text-green-900">
            <span>Client secret created. Copy it now: it is not shown again.</span>
            <span className="flex flex-col gap-1">
              <span className="text-xs font-medium">Client ID: public, also shown on this page</span>
              <CopyField value={created.clientId} label="Client ID" />
            </span>
            <span className="flex flex-col gap-1">
              <span className="text-xs font-medium">Client secret: shown only now, keep it like a password</span>
              <CopyField value={created.clientSecret} label="Client secret" />
            </span>
          </div>
        ) : null
      }>
      <TextField label="Description" value={fields.description} onChange={set("description")} placeholder="CI deploy job" errors={fieldErrors.description} />
      <div className="flex gap-4">
        <TextField
          label="Expires after (days)"
          className="flex-1"
          type="number"
          min={0}
          value={fields.ttlDays}
          onChange={set("ttlDays")}
          hint="0: never."
          errors={fieldErrors.ttlSeconds}
        />
        <TextField
          label="Max logins"
          className="flex-1"
          type="number"
          min={0}
          value={fields.maxUses}
          onChange={set("maxUses")}
          hint="0: no limit."
          errors={fieldErrors.maxUses}
        />
      </div>
    </FormDialog>
  );
}

/** Revokes one client secret after asking, with the reason kept in the audit log. */
export function RevokeClientSecretButton({ orgSlug, identityId, clientSecretId, hint }: Ref & { clientSecretId: string; hint: string }) {
  const [reason, setReason] = useState("");
  return (
    <ConfirmActionButton
      action={revokeClientSecretAction}
      input={{ orgSlug, identityId, clientSecretId, reason }}
      trigger="Revoke"
      triggerLabel={`Revoke client secret …${hint}`}
      title={`Revoke client secret …${hint}?`}
      body="Logins with it stop at once. Tokens it already issued keep working until they expire or are revoked."
      details={(fieldErrors) => <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} errors={fieldErrors.reason} />}
      confirm="Revoke secret"
    />
  );
}
