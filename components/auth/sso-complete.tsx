"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";

/**
 * The last step of an SSO sign-in: the callback left a one-minute ticket in the URL fragment
 * (never sent to a server); it is traded once for a session, then the organization opens.
 */
export function SsoComplete() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const ticket = new URLSearchParams(window.location.hash.slice(1)).get("ticket") ?? "";
    // The fragment goes at once: a ticket left in the address bar or history is worth nothing, but tidier gone.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    void (async () => {
      const response = await signIn("credentials", { ssoTicket: ticket, redirect: false }).catch(() => null);
      if (!response || response.error) {
        setFailed(true);
        return;
      }
      const org = searchParams.get("org");
      router.replace(org && /^[a-z0-9-]+$/.test(org) ? `/orgs/${org}` : "/");
      router.refresh();
    })();
  }, [router, searchParams]);
  if (!failed) return <p role="status">Signing you in…</p>;
  return (
    <div role="alert" className="flex flex-col gap-2 text-sm">
      <p>This sign-in was already used or took too long.</p>
      <Link href="/sso" className="text-brand-600 underline-offset-2 hover:underline">
        Start again
      </Link>
    </div>
  );
}
