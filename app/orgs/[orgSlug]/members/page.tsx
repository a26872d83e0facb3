import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteDialog } from "@/components/invitations/invite-dialog";
import { CreateInviteLinkDialog } from "@/components/invite-links/create-invite-link-dialog";
import { InviteLinkList } from "@/components/invite-links/invite-link-list";
import { PendingInvitations } from "@/components/invitations/pending-invitations";
import { LeaveOrgButton, RemoveOrgMemberButton } from "@/components/org-members/member-removal";
import { OrgRoleSelect } from "@/components/org-members/org-role-select";
import { SeatRefusalNotice } from "@/components/org-members/seat-refusal-notice";
import { Pagination } from "@/components/ui/pagination";
import { MemberTable, PersonCell } from "@/components/ui/member-table";
import { SearchForm } from "@/components/ui/search-form";
import { requireOrgAccess } from "@/lib/authz/org-access";
import { listPendingInvitations } from "@/lib/invitations/manage-invitations";
import { listGrantableProjects } from "@/lib/invitations/project-role-offers";
import { listOrgMembers } from "@/lib/org-members/list-org-members";
import { getSeatUsage } from "@/lib/org-members/seat-usage";
import { recentSeatRefusals } from "@/lib/org-members/seat-refusals";
import { roleOptions } from "@/lib/roles/list-roles";
import { orgRoleScope } from "@/lib/roles/scope";
import { listInviteLinks } from "@/lib/invite-links/manage-invite-links";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function OrgMembersPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("member:read")) notFound();
  const canInvite = access.can("member:invite");
  const canReadLinks = access.can("invite-link:read");
  const canCreateLinks = access.can("invite-link:create");
  const [{ query, rows, total, pageCount, asOf }, invitations, inviteLinks, grantableProjects, seats, seatRefusals, roles] = await Promise.all([
    listOrgMembers(access, await searchParams),
    canInvite ? listPendingInvitations(access) : Promise.resolve([]),
    canReadLinks ? listInviteLinks(access) : Promise.resolve([]),
    canInvite || canCreateLinks ? listGrantableProjects(access) : Promise.resolve([]),
    getSeatUsage(access),
    recentSeatRefusals(access),
    roleOptions(orgRoleScope(access)),
  ]);
  const orgSlug = access.org.slug;
  const base = `/orgs/${orgSlug}/members`;
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  const canEditRoles = access.can("member:edit-role");
  const canRemove = access.can("member:remove");

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 id="members-heading" className="text-2xl font-semibold">
            Members
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {total} {total === 1 ? "member" : "members"}
            {query.q ? ` matching "${query.q}"` : ""} · {seats.used} of {seats.limit} seats used
          </p>
        </div>
        <div className="flex gap-2">
          <LeaveOrgButton orgSlug={orgSlug} />
          {canInvite ? <InviteDialog orgSlug={orgSlug} roles={roles.grantable} projects={grantableProjects} freeSeats={seats.free} /> : null}
        </div>
      </div>
      <SeatRefusalNotice orgSlug={orgSlug} refusals={seatRefusals} />
      <PendingInvitations
        orgSlug={orgSlug}
        rows={invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          roleLabel: [
            invitation.roleName,
            ...invitation.projectRoles.map((offer) => `${offer.roleName} in ${offer.projectName}`),
          ].join(" · "),
          expiresAt: invitation.expiresAt.toISOString(),
          expired: invitation.expiresAt.getTime() <= asOf,
          invitedBy: invitation.invitedBy,
        }))}
      />
      {canReadLinks ? (
        <section aria-labelledby="invite-links-heading" className="flex flex-col gap-3">
          <div className="flex items-center justify-between gap-4">
            <h2 id="invite-links-heading" className="text-lg font-semibold">
              Invite links
            </h2>
            {canCreateLinks ? (
              <CreateInviteLinkDialog orgSlug={orgSlug} roles={roles.grantable} projects={grantableProjects} freeSeats={seats.free} />
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
      <h2 className="sr-only">People</h2>
      <SearchForm action={base} label="Search members" placeholder="Search by name or email" defaultValue={query.q} />
      <MemberTable columns={["Member", "Role", "Projects", "Joined"]} empty={rows.length === 0 ? (query.q ? `No members match "${query.q}".` : "No members on this page.") : null}>
        {rows.map((row) => {
          const isSelf = row.userId === access.actor.userId;
          return (
            <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
              <PersonCell name={row.name} email={row.email} isSelf={isSelf} />
              <td className="px-4 py-3">
                {canEditRoles ? (
                  <OrgRoleSelect orgSlug={orgSlug} membershipId={row.membershipId} memberName={row.name} role={row.role} options={roles.all} />
                ) : (
                  roles.nameOf(row.role)
                )}
              </td>
              <td className="px-4 py-3 tabular-nums">{row.projectCount}</td>
              <td className="px-4 py-3 text-slate-600">
                <time dateTime={row.joinedAt.toISOString()}>{dateFormat.format(row.joinedAt)}</time>
              </td>
              <td className="px-4 py-3 text-right">
                {canRemove && !isSelf ? <RemoveOrgMemberButton orgSlug={orgSlug} membershipId={row.membershipId} memberName={row.name} /> : null}
              </td>
            </tr>
          );
        })}
      </MemberTable>
      <Pagination page={query.page} pageCount={pageCount} href={pageHref} />
    </section>
  );
}
