import Link from "next/link";
import { InviteDialog } from "@/components/invitations/invite-dialog";
import { LeaveOrgButton } from "@/components/org-members/leave-org-button";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { mailConfigured } from "@/lib/platform/mail/send-mail";
import { describeSeats } from "@/lib/platform/org-members/describe-seats";
import type { SeatUsage } from "@/lib/platform/org-members/seat-usage";
import { PageHeader } from "@/components/layout/page-header";

type Props = {
  orgSlug: string;
  seats: SeatUsage;
  current: "members" | "invitations";
  /** The invitations tab is for those who invite people or read invite links. */
  showInvitations: boolean;
  invite: { freeSeats: number | null } | null;
  /** The viewer is the only Admin: Leave says why it cannot be done. */
  soleAdmin: boolean;
};

/**
 * The members area's heading, actions and tabs: people, and the ways they are brought in.
 * Its subtitle is the org's seats, the same on both tabs; each tab counts its own rows.
 */
export function MembersHeader({ orgSlug, seats, current, showInvitations, invite, soleAdmin }: Props) {
  const tabs = [
    { key: "members", label: "Members", href: `/orgs/${orgSlug}/members` },
    ...(showInvitations ? [{ key: "invitations", label: "Invitations and links", href: `/orgs/${orgSlug}/members/invitations` }] : []),
  ];
  return (
    <>
      <PageHeader
        id="members-heading"
        title="Members"
        description={describeSeats(seats)}
        actions={
          <>
            <LeaveOrgButton orgSlug={orgSlug} soleAdmin={soleAdmin} />
            {invite && seats.free === 0 ? (
              // Full: nobody invited now could join, so say why before anyone fills the form.
              <PlanLimitButton label="Invite people" reason={`${seats.used} / ${seats.limit} seats used`} />
            ) : invite ? (
              <InviteDialog orgSlug={orgSlug} freeSeats={invite.freeSeats} mailed={mailConfigured()} />
            ) : null}
          </>
        }
      />
      {tabs.length > 1 ? (
        <nav aria-label="Members sections">
          <ul className="flex gap-1 border-b border-slate-200">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <Link
                  href={tab.href}
                  aria-current={tab.key === current ? "page" : undefined}
                  className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium ${tab.key === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
