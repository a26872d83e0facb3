"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { cancelAccessRequestAction, decideAccessRequestAction, revealGrantCredentialsAction } from "@/lib/products/pam/pam-actions";
import type { GrantedCredentials } from "@/lib/products/pam/requests/grant";
import { CredentialsPanel } from "./credentials-panel";

type Ref = { orgSlug: string; projectSlug: string; requestId: string };

/** An approver's decision with an optional comment; rejecting asks first. */
export function DecideRequestForm(ref: Ref) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(decideAccessRequestAction, () => router.refresh());
  function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...ref, decision: "APPROVE", comment });
  }
  return (
    <form onSubmit={approve} noValidate aria-label="Decide this request" className="flex flex-col gap-3">
      <FormMessage message={formError} />
      <TextAreaField label="Comment (optional)" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} errors={fieldErrors.comment} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Approve"}
        </Button>
        <ConfirmDialog
          trigger="Reject"
          title="Reject this request?"
          body="The requester is refused; they may ask again."
          confirm="Reject"
          pending={pending}
          onConfirm={() => submit({ ...ref, decision: "REJECT", comment })}
        />
      </div>
    </form>
  );
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
