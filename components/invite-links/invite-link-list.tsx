"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { revokeInviteLinkAction } from "@/lib/platform/actions/invite-link-actions";
import type { InviteLinkStatus } from "@/lib/platform/invite-links/manage-invite-links";
import { CreatorLapsedNote } from "@/components/invitations/creator-lapsed-note";

export type InviteLinkRow = {
  id: string;
  name: string;
  roleLabel: string;
  projectRoles: Array<{ projectName: string; roleLabel: string }>;
  status: InviteLinkStatus;
  expiresAt: string;
  maxUses: number | null;
  useCount: number;
  allowedDomain: string | null;
  createdBy: string | null;
  creatorLapsed: boolean;
  recentUses: Array<{ name: string; email: string; joinedAt: string }>;
};

const STATUS_LABELS: Record<InviteLinkStatus, string> = {
  active: "Active",
  expired: "Expired",
  "used-up": "All uses taken",
  revoked: "Revoked",
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function describeUses(row: InviteLinkRow): string {
  return row.maxUses === null ? `${row.useCount} ${row.useCount === 1 ? "use" : "uses"}` : `${row.useCount} of ${row.maxUses} uses`;
}

/** The org's invite links with their limits, use counts and who joined through each. */
export function InviteLinkList({ orgSlug, rows, canRevoke }: { orgSlug: string; rows: InviteLinkRow[]; canRevoke: boolean }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No invite links yet.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {rows.map((row) => (
        <li key={row.id} aria-label={`Invite link ${row.name}`} className="flex flex-col gap-2 px-4 py-3 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <span>
              <span className="block font-medium text-slate-900">
                {row.name}
                <span
                  className={`ml-2 rounded px-1.5 py-0.5 text-xs ${row.status === "active" ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-600"}`}>
                  {STATUS_LABELS[row.status]}
                </span>
              </span>
              <span className="block text-slate-500">
                {[
                  row.roleLabel,
                  ...row.projectRoles.map((offer) => `${offer.roleLabel} in ${offer.projectName}`),
                  describeUses(row),
                  `expires ${dateFormat.format(new Date(row.expiresAt))}`,
                  row.allowedDomain ? `only @${row.allowedDomain}` : null,
                  row.createdBy ? `created by ${row.createdBy}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              {row.creatorLapsed ? <CreatorLapsedNote creator={row.createdBy} /> : null}
            </span>
            {canRevoke && row.status !== "revoked" ? (
              <ConfirmActionButton
                action={revokeInviteLinkAction}
                input={{ orgSlug, inviteLinkId: row.id }}
                trigger="Revoke"
                triggerLabel={`Revoke invite link ${row.name}`}
                title={`Revoke the invite link "${row.name}"?`}
                body="The link stops working at once. People who already joined through it stay."
                confirm="Revoke"
              />
            ) : null}
          </div>
          {row.recentUses.length > 0 ? (
            <details>
              <summary className="cursor-pointer text-slate-600">Who joined through it</summary>
              <ul className="mt-1 pl-4 text-slate-600">
                {row.recentUses.map((use) => (
                  <li key={use.email}>
                    {use.name} ({use.email}), {dateFormat.format(new Date(use.joinedAt))}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
