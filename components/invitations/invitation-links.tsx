"use client";

import { useState } from "react";

export type InvitationLink = { email: string; path: string };

/** Freshly made links, shown once, each with a copy button. */
export function InvitationLinks({ links }: { links: InvitationLink[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">Invitation links (shown once):</p>
      <ul className="mt-2 flex flex-col gap-2">
        {links.map((link) => (
          <li key={link.path} className="flex flex-col gap-1">
            <span>{link.email}</span>
            <span className="flex gap-2">
              <input
                readOnly
                aria-label={`Invitation link for ${link.email}`}
                value={`${origin}${link.path}`}
                className="flex-1 rounded border border-green-200 bg-white px-2 py-1 font-mono text-xs"
              />
              <button
                type="button"
                className="rounded border border-green-300 bg-white px-2 py-1 text-xs"
                onClick={() => {
                  void navigator.clipboard?.writeText(`${origin}${link.path}`);
                  setCopied(link.path);
                }}
              >
                {copied === link.path ? "Copied" : "Copy"}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
