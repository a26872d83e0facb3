"use client";

import { useQuery } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/platform/actions/action-result";

type Counts = { invitations: number; links: number };

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Says, inside a role-change or removal confirmation, how many of the member's pending
 * invitations and invite links the step would void (they carry the member's authority).
 */
export function VoidedOffersNote({ queryKey, load, because }: { queryKey: readonly unknown[]; load: () => Promise<ActionResult<Counts>>; because: string }) {
  const { data, isPending, isError } = useQuery({
    queryKey: ["voided-offers", ...queryKey],
    queryFn: async () => {
      const result = await load();
      if (!result.ok) throw new Error(result.formError);
      return result.data;
    },
    staleTime: 0,
  });
  if (isPending) return <p aria-live="polite">Checking their pending invitations and invite links…</p>;
  if (isError || !data) return <p aria-live="polite">Their pending invitations and invite links could not be checked.</p>;
  const { invitations, links } = data;
  if (invitations + links === 0) return null;
  const parts = [
    invitations ? plural(invitations, "pending invitation", "pending invitations") : null,
    links ? plural(links, "invite link", "invite links") : null,
  ];
  return (
    <p aria-live="polite" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
      {parts.filter(Boolean).join(" and ")} they made will stop working {because}.
    </p>
  );
}
