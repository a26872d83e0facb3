"use client";

import { useState } from "react";

/** Copies a text to the clipboard; `label` names what it copies for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      className="self-start rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
      onClick={() => {
        void navigator.clipboard?.writeText(text);
        setCopied(true);
      }}>
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
