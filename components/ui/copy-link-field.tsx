"use client";

import { useState } from "react";

/** A read-only value with a Copy button. */
export function CopyField({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(event) => event.target.select()}
        className="min-w-0 flex-1 rounded border border-green-200 bg-white px-2 py-1 font-mono text-xs"
      />
      <button
        type="button"
        className="rounded border border-green-300 bg-white px-2 py-1 text-xs"
        onClick={() => {
          void navigator.clipboard?.writeText(value);
          setCopied(true);
        }}>
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}

/** A link to copy; the path is made absolute with this page's origin. */
export function CopyLinkField({ path, label }: { path: string; label: string }) {
  return <CopyField value={`${typeof window === "undefined" ? "" : window.location.origin}${path}`} label={label} />;
}
