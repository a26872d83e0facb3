import Link from "next/link";
import type { SeatRefusals } from "@/lib/platform/org-members/seat-report";

/** Tells the admins that people were turned away because every seat was taken. */
export function SeatRefusalNotice({ orgSlug, refusals }: { orgSlug: string; refusals: SeatRefusals }) {
  if (refusals.count === 0) return null;
  return (
    <p role="note" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {refusals.count === 1 ? "1 person" : `${refusals.count} people`} could not join in the last 7 days because no seat was free (latest:{" "}
      {refusals.latest.map((refusal) => refusal.email).join(", ")}). Remove someone who no longer needs access, or upgrade the plan in{" "}
      <Link href={`/orgs/${orgSlug}/settings`} className="underline">
        settings
      </Link>
      , then ask them to open their link again.
    </p>
  );
}
