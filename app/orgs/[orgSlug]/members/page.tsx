import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteDialog } from "@/components/invitations/invite-dialog";
import { PendingInvitations } from "@/components/invitations/pending-invitations";
import { LeaveOrgButton, RemoveOrgMemberButton } from "@/components/org-members/member-removal";
import { OrgRoleSelect } from "@/components/org-members/org-role-select";
import { Pagination } from "@/components/ui/pagination";
import { MemberTable, PersonCell } from "@/components/ui/member-table";
import { SearchForm } from "@/components/ui/search-form";
import { BUILT_IN_ORG_ROLES, type OrgRoleSlug } from "@/lib/authz/built-in-roles";
import { requireOrgAccess } from "@/lib/authz/org-access";
import { listPendingInvitations } from "@/lib/invitations/manage-invitations";
import { listGrantableProjects } from "@/lib/invitations/project-role-offers";
import { listOrgMembers } from "@/lib/org-members/list-org-members";
import { getSeatUsage } from "@/lib/org-members/seat-usage";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Members" };

const ROLE_OPTIONS = (Object.keys(BUILT_IN_ORG_ROLES) as OrgRoleSlug[]).map((slug) => ({
  slug,
  label: BUILT_IN_ORG_ROLES[slug].label,
}));
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function OrgMembersPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("member:read")) notFound();
  const canInvite = access.can("member:invite");
  const [{ query, rows, total, pageCount, asOf }, invitations, grantableProjects, seats] = await Promise.all([
    listOrgMembers(access, await searchParams),
    canInvite ? listPendingInvitations(access) : Promise.resolve([]),
    canInvite ? listGrantableProjects(access) : Promise.resolve([]),
    getSeatUsage(access),
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
          {canInvite ? <InviteDialog orgSlug={orgSlug} roles={ROLE_OPTIONS} projects={grantableProjects} freeSeats={seats.free} /> : null}
        </div>
      </div>
      <PendingInvitations
        orgSlug={orgSlug}
        rows={invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          roleLabel: BUILT_IN_ORG_ROLES[invitation.role].label,
          expiresAt: invitation.expiresAt.toISOString(),
          expired: invitation.expiresAt.getTime() <= asOf,
          invitedBy: invitation.invitedBy,
        }))}
      />
      <SearchForm action={base} label="Search members" placeholder="Search by name or email" defaultValue={query.q} />
      <MemberTable columns={["Member", "Role", "Projects", "Joined"]} empty={rows.length === 0 ? (query.q ? `No members match "${query.q}".` : "No members on this page.") : null}>
        {rows.map((row) => {
          const isSelf = row.userId === access.actor.userId;
          return (
            <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
              <PersonCell name={row.name} email={row.email} isSelf={isSelf} />
              <td className="px-4 py-3">
                {canEditRoles ? (
                  <OrgRoleSelect orgSlug={orgSlug} membershipId={row.membershipId} memberName={row.name} role={row.role} options={ROLE_OPTIONS} />
                ) : (
                  BUILT_IN_ORG_ROLES[row.role].label
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
