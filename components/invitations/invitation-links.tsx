"use client";

import { CopyLinkField } from "@/components/ui/copy-link-field";
import type { InvitationDelivery } from "@/lib/platform/actions/invitation-actions";

/** What became of fresh invitations: mailed, or a link (shown once) to copy and pass on. */
export function InvitationLinks({ deliveries }: { deliveries: InvitationDelivery[] }) {
  return (
    <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
      <ul className="flex flex-col gap-2">
        {deliveries.map((delivery) =>
          delivery.mailed ? (
            <li key={delivery.email}>Invitation mailed to {delivery.email}.</li>
          ) : (
            <li key={delivery.email} className="flex flex-col gap-1">
              <span>
                {delivery.email}: {delivery.reason}
              </span>
              <CopyLinkField path={delivery.path} label={`Invitation link for ${delivery.email}`} />
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
