"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import { signOutSessionAction } from "@/lib/platform/actions/account-actions";

export type SessionRow = { id: string; current: boolean; device: string; ipAddress: string | null; lastSeenAt: string; createdAt: string };

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** The account's live sessions; any can be signed out (this one signs out here too). */
export function SessionList({ rows }: { rows: SessionRow[] }) {
  const router = useRouter();
  const [ending, setEnding] = useState<SessionRow | null>(null);
  const { submit, pending, formError, setFormError } = useFormAction(signOutSessionAction, async () => {
    const wasCurrent = ending?.current;
    setEnding(null);
    if (wasCurrent) await signOut({ callbackUrl: "/login" });
    else router.refresh();
  });
  return (
    <>
      <ul aria-label="Active sessions" className="mt-4 divide-y divide-slate-100 rounded-md border border-slate-200">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
            <span>
              <span className="block font-medium text-slate-900">
                {row.device}
                {row.current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800">This session</span> : null}
              </span>
              <span className="block text-slate-500">
                {row.ipAddress ?? "unknown address"} · last seen <time dateTime={row.lastSeenAt}>{timeFormat.format(new Date(row.lastSeenAt))}</time> · signed
                in <time dateTime={row.createdAt}>{timeFormat.format(new Date(row.createdAt))}</time>
              </span>
            </span>
            <button
              type="button"
              className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
              aria-label={row.current ? "Sign out this session" : `Sign out ${row.device} (${row.ipAddress ?? "unknown address"})`}
              onClick={() => {
                setFormError(undefined);
                setEnding(row);
              }}>
              Sign out
            </button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={ending !== null}
        onOpenChange={(open) => (open ? undefined : setEnding(null))}
        title={ending?.current ? "Sign out of this session?" : `Sign out ${ending?.device ?? ""}?`}
        body={ending?.current ? "You will need to sign in again here." : "That browser will need to sign in again on its next request."}
        confirm="Sign out"
        pending={pending}
        formError={formError}
        onConfirm={() => ending && submit({ sessionId: ending.id })}
      />
    </>
  );
}
