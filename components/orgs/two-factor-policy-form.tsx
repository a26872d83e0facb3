"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { setRequireTwoFactorAction } from "@/lib/platform/actions/org-actions";
import type { TwoFactorPolicy } from "@/lib/platform/orgs/two-factor-policy";

/** The org's "Require two-factor sign-in", with who it blocks said before it is turned on. */
export function TwoFactorPolicyForm({ orgSlug, policy }: { orgSlug: string; policy: TwoFactorPolicy }) {
  const { total, names } = policy.withoutSecondFactor;
  const blocked =
    total === 0
      ? "Everyone has it already."
      : `${total} ${total === 1 ? "member has" : "members have"} no second factor yet: ${names.join(", ")}${total > names.length ? ` and ${total - names.length} more` : ""}.`;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>
        {policy.required ? "Required: " : "Not required. "}
        {policy.required
          ? "members without a second factor are sent to set one up before they can open this organization. Machine identities are not affected."
          : "When it is, members without a second factor are sent to set one up before they can open this organization (their other organizations are not affected)."}
      </p>
      <p className="text-slate-700">{blocked}</p>
      {!policy.required && !policy.viewerHasIt ? (
        <p role="note" className="text-amber-900">
          Set up two-factor sign-in on your{" "}
          <a className="underline" href="/account">
            account page
          </a>{" "}
          first.
        </p>
      ) : null}
      <ConfirmActionButton
        trigger={policy.required ? "Stop requiring it" : "Require two-factor sign-in"}
        title={policy.required ? "Stop requiring two-factor sign-in?" : "Require two-factor sign-in?"}
        body={
          policy.required
            ? "Members will open this organization with a password alone again."
            : `${blocked} They will be sent to set one up on their next request.`
        }
        confirm={policy.required ? "Stop requiring it" : "Require it"}
        confirmVariant={policy.required ? "danger" : "primary"}
        action={setRequireTwoFactorAction}
        input={{ orgSlug, required: !policy.required }}
      />
    </div>
  );
}
