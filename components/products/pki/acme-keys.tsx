"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { CopyField } from "@/components/ui/copy-link-field";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { useShownOnceDialog } from "@/components/ui/use-shown-once-dialog";
import { certbotCommand } from "@/lib/products/pki/acme/client-commands";
import { createEabKeyAction, revokeEabKeyAction } from "@/lib/products/pki/pki-actions";

type Ref = { orgSlug: string; projectSlug: string; profileId: string };

/** Makes an EAB key for one ACME client; its HMAC key is shown this once, with a certbot line to paste. */
export function MakeAcmeKeyDialog(ref: Ref) {
  const [name, setName] = useState("");
  const { submit, pending, fieldErrors, formError, open, onOpenChange, made } = useShownOnceDialog(createEabKeyAction, () => setName(""));
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button>Make ACME key</Button>}
      title="Make an ACME key"
      description="One key per client (a host, a cluster): an ACME client registers its account with it (External Account Binding). Revoking it stops that client."
      formError={formError}
      submitLabel="Make key"
      pendingLabel="Making…"
      pending={pending}
      onSubmit={() => submit({ ...ref, name })}
      result={
        made ? (
          <div role="status" className="flex flex-col gap-3 text-sm">
            <p className="rounded-md bg-green-50 p-3 text-green-900">Key made. Copy the HMAC key now: it is not shown again.</p>
            <CopyField label="ACME directory URL" value={made.directoryUrl} />
            <CopyField label="EAB key id" value={made.keyId} />
            <CopyField label="EAB HMAC key" value={made.hmacKey} />
            <CopyField label="certbot command" value={certbotCommand(made)} />
          </div>
        ) : null
      }>
      <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} placeholder="web-1 certbot" errors={fieldErrors.name} />
    </FormDialog>
  );
}

export function RevokeAcmeKeyButton({ keyId, name, accounts, ...ref }: Ref & { keyId: string; name: string; accounts: number }) {
  return (
    <ConfirmActionButton
      action={revokeEabKeyAction}
      input={{ ...ref, keyId }}
      trigger="Revoke"
      triggerLabel={`Revoke ACME key ${name}`}
      title={`Revoke the ACME key ${name}?`}
      body={`${accounts === 1 ? "The account" : `The ${accounts} accounts`} registered with it stop at their next request: no new orders, no renewals. Certificates already issued stay valid until revoked.`}
      confirm="Revoke key"
    />
  );
}
