"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { useFormAction } from "@/components/ui/use-form-action";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/platform/actions/invitation-actions";
import type { InvitationDelivery } from "@/lib/platform/actions/invitation-actions";
import { CreatorLapsedNote } from "./creator-lapsed-note";
import { InvitationLinks } from "./invitation-links";

type Row = { id: string; email: string; roleLabel: string; expiresAt: string; expired: boolean; invitedBy: string | null; creatorLapsed: boolean };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function PendingInvitations({ orgSlug, rows }: { orgSlug: string; rows: Row[] }) {
  const router = useRouter();
  const [resent, setResent] = useState<InvitationDelivery[]>([]);
  const resend = useFormAction(resendInvitationAction, (link) => {
    setResent([link]);
    router.refresh();
  });
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
      <h2 id="pending-heading" className="text-lg font-semibold">
        Pending invitations
      </h2>
      {resent.length > 0 ? <InvitationLinks deliveries={resent} /> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
            <span>
              <span className="block font-medium text-slate-900">{row.email}</span>
              <span className="block text-slate-500">
                {row.roleLabel} · {row.expired ? <span className="text-red-700">expired</span> : `expires ${dateFormat.format(new Date(row.expiresAt))}`}
                {row.invitedBy ? ` · invited by ${row.invitedBy}` : ""}
              </span>
              {row.creatorLapsed ? <CreatorLapsedNote creator={row.invitedBy} /> : null}
            </span>
            <span className="flex gap-2">
              <button
                type="button"
                aria-label={`Resend invitation to ${row.email}`}
                disabled={resend.pending}
                onClick={() => resend.submit({ orgSlug, invitationId: row.id })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50">
                Resend
              </button>
              <ConfirmActionButton
                action={revokeInvitationAction}
                input={{ orgSlug, invitationId: row.id }}
                trigger="Revoke"
                triggerLabel={`Revoke invitation to ${row.email}`}
                title={`Revoke the invitation to ${row.email}?`}
                body="The link stops working at once. You can invite them again later."
                confirm="Revoke"
              />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
