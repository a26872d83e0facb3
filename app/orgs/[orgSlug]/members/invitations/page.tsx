import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PendingInvitations } from "@/components/invitations/pending-invitations";
import { CreateInviteLinkDialog } from "@/components/invite-links/create-invite-link-dialog";
import { InviteLinkList } from "@/components/invite-links/invite-link-list";
import { MembersHeader } from "@/components/org-members/members-header";
import { SeatRefusalNotice } from "@/components/org-members/seat-refusal-notice";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { listPendingInvitations } from "@/lib/platform/invitations/manage-invitations";
import { listInviteLinks } from "@/lib/platform/invite-links/manage-invite-links";
import { seatReport } from "@/lib/platform/org-members/seat-report";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { emailVerificationRequired } from "@/lib/platform/auth/email-verification";

export const metadata: Metadata = { title: "Invitations and links" };

export default async function OrgInvitationsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const access = await requireOrgAccess((await params).orgSlug);
  const canInvite = access.can("member:invite");
  const canReadLinks = access.can("invite-link:read");
  if (!access.can("member:read") || (!canInvite && !canReadLinks)) notFound();
  const canCreateLinks = access.can("invite-link:create");
  const [invitations, inviteLinks, { seats, refusals, soleAdmin }, roles] = await Promise.all([
    canInvite ? listPendingInvitations(access) : Promise.resolve([]),
    canReadLinks ? listInviteLinks(access) : Promise.resolve([]),
    seatReport(access),
    roleOptions(orgRoleScope(access)),
  ]);
  const orgSlug = access.org.slug;

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <MembersHeader
        orgSlug={orgSlug}
        current="invitations"
        showInvitations
        invite={canInvite ? { freeSeats: seats.free } : null}
        seats={seats}
        soleAdmin={soleAdmin}
      />
      <SeatRefusalNotice orgSlug={orgSlug} refusals={refusals} />
      {canInvite ? (
        invitations.length > 0 ? (
          <PendingInvitations
            orgSlug={orgSlug}
            rows={invitations.map((invitation) => ({
              id: invitation.id,
              email: invitation.email,
              roleLabel: [invitation.roleName, ...invitation.projectRoles.map((offer) => `${offer.roleName} in ${offer.projectName}`)].join(" · "),
              expiresAt: invitation.expiresAt.toISOString(),
              expired: invitation.expired,
              invitedBy: invitation.invitedBy,
              creatorLapsed: invitation.creatorLapsed,
            }))}
          />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
            No pending invitations. Use <strong>Invite people</strong> above to invite someone by email, or create an invite link below.
          </p>
        )
      ) : null}
      {canReadLinks ? (
        <section aria-labelledby="invite-links-heading" className="flex flex-col gap-3">
          <div className="flex items-center justify-between gap-4">
            <h2 id="invite-links-heading" className="text-lg font-semibold">
              Invite links
            </h2>
            {canCreateLinks ? (
              <CreateInviteLinkDialog orgSlug={orgSlug} roles={roles.grantable} freeSeats={seats.free} addressesVerified={emailVerificationRequired()} />
            ) : null}
          </div>
          <InviteLinkList
            orgSlug={orgSlug}
            canRevoke={access.can("invite-link:revoke")}
            rows={inviteLinks.map((link) => ({
              ...link,
              expiresAt: link.expiresAt.toISOString(),
              recentUses: link.recentUses.map((use) => ({ ...use, joinedAt: use.joinedAt.toISOString() })),
            }))}
          />
        </section>
      ) : null}
    </section>
  );
}
