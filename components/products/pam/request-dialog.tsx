"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { requestAccessAction } from "@/lib/products/pam/pam-actions";
import type { GrantedCredentials } from "@/lib/products/pam/requests/grant";
import { BREAK_GLASS_MIN_REASON } from "@/lib/products/pam/vocabulary";
import { CredentialsPanel } from "./credentials-panel";

type Props = {
  orgSlug: string;
  projectSlug: string;
  accountId: string;
  accountName: string;
  resourceName: string;
  /** The limit that applies: the account's or its policy's, whichever is shorter. */
  maxDurationMinutes: number;
  policyName: string | null;
  reasonRequired: boolean;
};

/** Asks for an account for a while; with break-glass (for those a policy lists) it is granted at once. */
export function RequestAccessDialog(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [durationMinutes, setDuration] = useState(String(Math.min(60, props.maxDurationMinutes)));
  const [reason, setReason] = useState("");
  const [breakGlass, setBreakGlass] = useState(false);
  const [granted, setGranted] = useState<GrantedCredentials | null>(null);
  const {
    submit,
    pending,
    fieldErrors: errors,
    formError,
  } = useFormAction(requestAccessAction, (result) => {
    if (result.credentials) {
      setGranted(result.credentials);
      return;
    }
    setOpen(false);
    router.push(`/orgs/${props.orgSlug}/projects/${props.projectSlug}/access-requests/${result.requestId}`);
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next && granted) {
          setGranted(null);
          setReason("");
          router.refresh();
        }
      }}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`Request access to ${props.accountName} on ${props.resourceName}`}>
          Request access
        </Button>
      }
      title={`Request ${props.accountName}`}
      description={`On ${props.resourceName}, for at most ${props.maxDurationMinutes} minutes${props.policyName ? ` (the limit of the policy ${props.policyName} and the account)` : ""}. The time starts when it is approved.`}
      formError={formError}
      submitLabel={breakGlass ? "Take access now" : "Send request"}
      pendingLabel={breakGlass ? "Granting…" : "Sending…"}
      pending={pending}
      onSubmit={() => submit({ orgSlug: props.orgSlug, projectSlug: props.projectSlug, accountId: props.accountId, durationMinutes, reason, breakGlass })}
      result={granted ? <CredentialsPanel credentials={granted} /> : undefined}>
      <TextField
        label="For how long (minutes)"
        inputMode="numeric"
        value={durationMinutes}
        onChange={(event) => setDuration(event.target.value)}
        errors={errors.durationMinutes}
      />
      <TextAreaField
        label={props.reasonRequired || breakGlass ? "Why (required)" : "Why (optional)"}
        rows={3}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        placeholder="Investigating the failed payouts of order 4711"
        errors={errors.reason}
      />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={breakGlass} onChange={(event) => setBreakGlass(event.target.checked)} className="mt-1" />
        <span>
          Break-glass: take access now without approval
          <span className="block text-xs text-slate-600">
            Only for people a policy lists, in an emergency. Needs a reason of at least {BREAK_GLASS_MIN_REASON} characters; approvers are told and it is
            recorded as break-glass.
          </span>
        </span>
      </label>
    </FormDialog>
  );
}
