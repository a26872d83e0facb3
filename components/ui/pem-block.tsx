"use client";

import { useState } from "react";

/** Saves text or base64 bytes as a file, in the browser. */
export function saveFile(filename: string, contentType: string, contents: string | Uint8Array) {
  const url = URL.createObjectURL(new Blob([typeof contents === "string" ? contents : Uint8Array.from(contents)], { type: contentType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A PEM block, read-only and labelled, with Copy and Download. */
export function PemBlock({ label, pem, filename }: { label: string; pem: string; filename: string }) {
  const [copied, setCopied] = useState(false);
  const id = `pem-${filename.replace(/[^a-z0-9]+/gi, "-")}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <span className="flex gap-2">
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
            onClick={() => {
              void navigator.clipboard?.writeText(pem);
              setCopied(true);
            }}>
            {copied ? "Copied" : "Copy"}
          </button>
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
            onClick={() => saveFile(filename, "application/x-pem-file", pem)}>
            Download
          </button>
        </span>
      </div>
      <textarea
        id={id}
        readOnly
        rows={6}
        value={pem}
        onFocus={(event) => event.target.select()}
        className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs"
      />
    </div>
  );
}
