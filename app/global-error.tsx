"use client";

import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
          <h1 className="text-2xl font-semibold">Tessera is having trouble</h1>
          <p className="max-w-md text-sm text-slate-600">
            Reload the page in a moment. Reference: <span className="font-mono">{error.digest ?? "unknown"}</span>
          </p>
          <button type="button" onClick={reset} className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
