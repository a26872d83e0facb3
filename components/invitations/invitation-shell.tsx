import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The centred card of the invitation and invite-link pages, shown to people not yet inside. */
export function InvitationShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-bold tracking-tight">Tessera</p>
        <Card>{children}</Card>
      </div>
    </main>
  );
}

/** The rate limit answer both pages give before looking a token up. */
export function TooManyAttempts({ retry }: { retry: string }) {
  return (
    <InvitationShell>
      <h1 className="text-xl font-semibold">Too many attempts</h1>
      <p className="mt-2 text-sm text-slate-600">Try this link again {retry}.</p>
    </InvitationShell>
  );
}
