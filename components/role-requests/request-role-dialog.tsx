"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { requestOptionsAction, requestProjectAccessAction, requestProjectRoleAction } from "@/lib/platform/actions/role-request-actions";
import { BREAK_GLASS_MIN_REASON } from "@/lib/platform/approvals/vocabulary";
import type { RequestOptions } from "@/lib/platform/role-requests/requestable-roles";
import { formatDuration } from "@/lib/platform/format-duration";
import { DURATION_CHOICES } from "@/lib/platform/role-requests/vocabulary";

type Props = {
  orgSlug: string;
  projectSlug: string;
  projectName: string;
  /** Inside the project the page passes what may be asked for; from All projects it is loaded when the dialog opens. */
  options?: RequestOptions;
  triggerLabel?: string;
};

/** Asks for a role in a project for a while, with a reason; approvers are told by mail. */
export function RequestRoleDialog({ orgSlug, projectSlug, projectName, options: given, triggerLabel = "Request access" }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState("");
  const [durationMinutes, setDuration] = useState("60");
  const [reason, setReason] = useState("");
  const [breakGlass, setBreakGlass] = useState(false);
  const loaded = useQuery({
    queryKey: ["request-options", orgSlug, projectSlug],
    queryFn: async () => {
      const result = await requestOptionsAction({ orgSlug, projectSlug });
      if (!result.ok) throw new Error(result.formError);
      return result.data;
    },
    enabled: open && !given,
    staleTime: 0,
  });
  const options = given ?? loaded.data;
  const chosen = options?.roles.find((option) => option.slug === role) ?? options?.roles[0];
  const longest = chosen?.maxDurationMinutes ?? 60;
  const within = DURATION_CHOICES.filter((choice) => choice.minutes <= longest);
  // A policy shorter than an hour offers its own maximum.
  const durations = within.length > 0 ? within : [{ minutes: longest, label: formatDuration(longest * 60) }];
  const duration = durations.some((choice) => String(choice.minutes) === durationMinutes) ? durationMinutes : String(durations[0]!.minutes);
  const { submit, pending, fieldErrors, formError } = useFormAction(given ? requestProjectRoleAction : requestProjectAccessAction, (result) => {
    setOpen(false);
    router.push(`/orgs/${orgSlug}/access-requests/${result.requestId}`);
  });
  const waiting = options?.pendingRequestId ?? null;
  // Nothing to ask for: say why, with Done instead of a form that could only be refused.
  const nothingToAsk = waiting ? (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      You already have a request waiting here.{" "}
      <Link className="underline" href={`/orgs/${orgSlug}/access-requests/${waiting}`}>
        See it
      </Link>{" "}
      — cancel it there to ask for something else.
    </p>
  ) : options && options.roles.length === 0 ? (
    <p className="text-sm text-slate-600">There is no role you may ask for here: the project&apos;s request policies list none you do not already hold.</p>
  ) : undefined;
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" className="px-3 py-1" aria-label={`${triggerLabel}: ${projectName}`}>
          {triggerLabel}
        </Button>
      }
      title={`Request a role in ${projectName}`}
      description="Say which role, for how long and why. The time starts when the request is approved; the role ends on its own."
      formError={formError ?? (loaded.isError ? loaded.error.message : undefined)}
      submitLabel={breakGlass ? "Take the role now" : "Send request"}
      pendingLabel="Sending…"
      pending={pending || (!given && loaded.isPending)}
      onSubmit={() => submit({ orgSlug, projectSlug, role: chosen?.slug ?? "", durationMinutes: duration, reason, breakGlass })}
      result={nothingToAsk}>
      {!options ? (
        loaded.isError ? null : (
          <p aria-live="polite" className="text-sm text-slate-600">
            Loading the roles you may ask for…
          </p>
        )
      ) : (
        <>
          <SelectField
            label="Role"
            name="role"
            value={chosen?.slug ?? ""}
            onChange={(event) => setRole(event.target.value)}
            options={options.roles.map((option) => ({ value: option.slug, label: option.name }))}
            hint={chosen ? `${chosen.description || "A custom role of this project."} Follows “${chosen.policyName}”.` : undefined}
            errors={fieldErrors.role}
          />
          <SelectField
            label="For how long"
            name="durationMinutes"
            value={duration}
            onChange={(event) => setDuration(event.target.value)}
            options={durations.map((choice) => ({ value: String(choice.minutes), label: choice.label }))}
            errors={fieldErrors.durationMinutes}
          />
          <TextAreaField
            label="Why (required)"
            name="reason"
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="Incident #123: the payment service fails"
            errors={fieldErrors.reason}
          />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={breakGlass} onChange={(event) => setBreakGlass(event.target.checked)} className="mt-1" />
            <span>
              Break-glass: take the role now without approval
              <span className="block text-xs text-slate-600">
                Only for people a policy lists, in an emergency. Needs a reason of at least {BREAK_GLASS_MIN_REASON} characters; every approver is told.
              </span>
            </span>
          </label>
        </>
      )}
    </FormDialog>
  );
}
