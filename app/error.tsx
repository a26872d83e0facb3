"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-sm text-slate-600">
        We could not show this page. Try again; if it keeps failing, share this reference with your administrator:{" "}
        <span className="font-mono">{error.digest ?? "unknown"}</span>
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
