"use client";

import { useState } from "react";
import { DecideRequestForm as DecideRequestFormOf } from "@/components/approvals/decide-request-form";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { cancelAccessRequestAction, decideAccessRequestAction, revealGrantCredentialsAction } from "@/lib/products/pam/pam-actions";
import type { GrantedCredentials } from "@/lib/products/pam/requests/grant";
import { CredentialsPanel } from "./credentials-panel";

type Ref = { orgSlug: string; projectSlug: string; requestId: string };

/** An approver's decision on a PAM request. */
export function DecideRequestForm(ref: Ref) {
  return <DecideRequestFormOf request={ref} action={decideAccessRequestAction} />;
}

export function CancelRequestButton(ref: Ref) {
  return (
    <ConfirmActionButton
      action={cancelAccessRequestAction}
      input={ref}
      trigger="Cancel request"
      title="Cancel this request?"
      body="Approvers no longer see it. You may ask again."
      confirm="Cancel request"
    />
  );
}

/** The requester's one look at an approved grant's credentials. */
export function RevealCredentials(ref: Ref) {
  const [credentials, setCredentials] = useState<GrantedCredentials | null>(null);
  const { submit, pending, formError } = useFormAction(revealGrantCredentialsAction, setCredentials);
  if (credentials) return <CredentialsPanel credentials={credentials} />;
  return (
    <div className="flex flex-col items-start gap-2">
      <p className="text-sm text-slate-700">Your access is approved. The connection details can be shown once: have somewhere to put them.</p>
      <Button disabled={pending} onClick={() => submit(ref)}>
        {pending ? "Opening…" : "Show connection details"}
      </Button>
      <FormMessage message={formError} />
    </div>
  );
}
