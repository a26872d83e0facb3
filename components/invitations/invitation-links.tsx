"use client";

import { useState } from "react";
import type { InvitationDelivery } from "@/lib/actions/invitation-actions";

/** What became of fresh invitations: mailed, or a link (shown once) to copy and pass on. */
export function InvitationLinks({ deliveries }: { deliveries: InvitationDelivery[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
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
              <span className="flex gap-2">
                <input
                  readOnly
                  aria-label={`Invitation link for ${delivery.email}`}
                  value={`${origin}${delivery.path}`}
                  className="flex-1 rounded border border-green-200 bg-white px-2 py-1 font-mono text-xs"
                />
                <button
                  type="button"
                  className="rounded border border-green-300 bg-white px-2 py-1 text-xs"
                  onClick={() => {
                    void navigator.clipboard?.writeText(`${origin}${delivery.path}`);
                    setCopied(delivery.path);
                  }}
                >
                  {copied === delivery.path ? "Copied" : "Copy"}
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
