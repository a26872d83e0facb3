"use client";

import { useState } from "react";

/** A read-only link with a Copy button; the path is made absolute with this page's origin. */
export function CopyLinkField({ path, label }: { path: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const url = `${typeof window === "undefined" ? "" : window.location.origin}${path}`;
  return (
    <span className="flex gap-2">
      <input
        readOnly
        aria-label={label}
        value={url}
        onFocus={(event) => event.target.select()}
        className="flex-1 rounded border border-green-200 bg-white px-2 py-1 font-mono text-xs"
      />
      <button
        type="button"
        className="rounded border border-green-300 bg-white px-2 py-1 text-xs"
        onClick={() => {
          void navigator.clipboard?.writeText(url);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
