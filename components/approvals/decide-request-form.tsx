"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import type { Decision } from "@/lib/platform/approvals/vocabulary";

type Props<Ref> = {
  /** Which request: sent with the decision and the comment. */
  request: Ref;
  action: (input: Ref & { decision: Decision; comment: string }) => Promise<ActionResult<unknown>>;
};

/** An approver's decision on any approval flow, with an optional comment; rejecting asks first. */
export function DecideRequestForm<Ref extends object>({ request, action }: Props<Ref>) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(action, () => router.refresh());
  function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ ...request, decision: "APPROVE", comment });
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
          onConfirm={() => submit({ ...request, decision: "REJECT", comment })}
        />
      </div>
    </form>
  );
}
