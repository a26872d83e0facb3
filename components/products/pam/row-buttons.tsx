"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  deleteAccessPolicyAction,
  deletePamAccountAction,
  deletePamResourceAction,
  revokeGrantAction,
  testPamResourceAction,
} from "@/lib/products/pam/pam-actions";

type Ref = { orgSlug: string; projectSlug: string };

/** Logs in as the broker now; the page then shows what it found. */
export function TestConnectionButton({ resourceId, ...ref }: Ref & { resourceId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<string | null>(null);
  const { submit, pending, formError } = useFormAction(testPamResourceAction, ({ problems }) => {
    setResult(problems.length ? `${problems.length} problem${problems.length === 1 ? "" : "s"} found` : "Connected: nothing missing");
    router.refresh();
  });
  return (
    <span className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => submit({ ...ref, resourceId })}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {result}
      </span>
      <FormMessage message={formError} />
    </span>
  );
}

export function DeleteResourceButton({ resourceId, name, ...ref }: Ref & { resourceId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deletePamResourceAction}
      input={{ ...ref, resourceId }}
      trigger="Delete"
      triggerLabel={`Delete ${name}`}
      title={`Delete ${name}?`}
      body="Its accounts and their request history go with it (the audit log keeps the record). A database with an active grant cannot be deleted: revoke it first."
      confirm="Delete database"
    />
  );
}

export function DeleteAccountButton({ accountId, name, ...ref }: Ref & { accountId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deletePamAccountAction}
      input={{ ...ref, accountId }}
      trigger="Delete"
      triggerLabel={`Delete account ${name}`}
      title={`Delete the account ${name}?`}
      body="Nobody can ask for it any more; its request history goes with it (the audit log keeps the record). The role on the database is not touched."
      confirm="Delete account"
    />
  );
}

export function DeletePolicyButton({ policyId, name, ...ref }: Ref & { policyId: string; name: string }) {
  return (
    <ConfirmActionButton
      action={deleteAccessPolicyAction}
      input={{ ...ref, policyId }}
      trigger="Delete"
      triggerLabel={`Delete policy ${name}`}
      title={`Delete the policy ${name}?`}
      body="Requests already waiting keep the approvals they were asked with. New requests follow the policies left; an account no policy covers cannot be requested."
      confirm="Delete policy"
    />
  );
}

/** Ends a grant now: no new logins, live sessions ended, the login role dropped. */
export function RevokeGrantButton({ requestId, loginRole, ...ref }: Ref & { requestId: string; loginRole: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <span className="flex flex-col items-end gap-1">
      <ConfirmActionButton
        action={revokeGrantAction}
        input={{ ...ref, requestId }}
        onDone={(result) => setProblem(result.problem)}
        trigger="Revoke now"
        triggerLabel={`Revoke ${loginRole} now`}
        title={`Revoke ${loginRole} now?`}
        body="The login stops working, every session it has open on the database is ended, and the role is dropped."
        confirm="Revoke now"
      />
      {problem ? <FormMessage message={problem} /> : null}
    </span>
  );
}
