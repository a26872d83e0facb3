import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MembersHeader } from "@/components/org-members/members-header";
import { MemberRowActions } from "@/components/org-members/member-row-actions";
import { OrgRoleButton, RemoveMemberButton } from "@/components/org-members/member-row-controls";
import { SeatRefusalNotice } from "@/components/org-members/seat-refusal-notice";
import { Pagination } from "@/components/ui/pagination";
import { DataTable, PersonCell } from "@/components/ui/data-table";
import { SearchForm } from "@/components/ui/search-form";
import { requireOrgAccess } from "@/lib/platform/authz/org-access";
import { listOrgMembers } from "@/lib/platform/org-members/list-org-members";
import { seatReport } from "@/lib/platform/org-members/seat-report";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";

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
  const [{ query, rows, total, pageCount }, { seats, refusals, soleAdmin }, roles] = await Promise.all([
    listOrgMembers(access, await searchParams),
    seatReport(access),
    roleOptions(orgRoleScope(access)),
  ]);
  const orgSlug = access.org.slug;
  const base = `/orgs/${orgSlug}/members`;
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  const canEditRoles = access.can("member:edit-role");
  const canRemove = access.can("member:remove");
  const roleChoices = roles.all.map(({ slug, label, description, permissions }) => ({ slug, label, description, permissions }));

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <MembersHeader
        orgSlug={orgSlug}
        current="members"
        showInvitations={canInvite || access.can("invite-link:read")}
        invite={canInvite ? { roles: roles.grantable, freeSeats: seats.free } : null}
        seats={seats}
        soleAdmin={soleAdmin}
      />
      <SeatRefusalNotice orgSlug={orgSlug} refusals={refusals} />
      <h2 className="sr-only">People</h2>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchForm action={base} label="Search members" placeholder="Search by name or email" defaultValue={query.q} />
        <p className="text-sm text-slate-600">
          {total} {total === 1 ? "member" : "members"}
          {query.q ? ` matching "${query.q}"` : ""}
        </p>
      </div>
      <MemberRowActions orgSlug={orgSlug} roles={roleChoices}>
        <DataTable
          columns={["Member", "Role", "Projects", "Two-factor", "Joined"]}
          empty={rows.length === 0 ? (query.q ? `No members match "${query.q}".` : "No members on this page.") : null}>
          {rows.map((row) => {
            const isSelf = row.userId === access.actor.userId;
            return (
              <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
                <PersonCell name={row.name} email={row.email} isSelf={isSelf} href={`/orgs/${orgSlug}/members/${row.userId}`} />
                <td>
                  {canEditRoles ? (
                    <OrgRoleButton membershipId={row.membershipId} memberName={row.name} role={row.role} roleName={roles.nameOf(row.role)} />
                  ) : (
                    roles.nameOf(row.role)
                  )}
                </td>
                <td className="tabular-nums">{row.projectCount}</td>
                <td>
                  {row.twoFactor ? (
                    <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">On</span>
                  ) : (
                    <span className="text-xs text-slate-500">Off</span>
                  )}
                </td>
                <td className="text-slate-600">
                  <time dateTime={row.joinedAt.toISOString()}>{dateFormat.format(row.joinedAt)}</time>
                </td>
                <td className="text-right">
                  {row.provisioning ? (
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs ${row.provisioning === "deactivated" ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-700"}`}
                      title="Managed by the organization's identity provider (SCIM): added and removed there">
                      {row.provisioning === "deactivated" ? "Deactivated by identity provider" : "Provisioned"}
                    </span>
                  ) : canRemove && !isSelf ? (
                    <RemoveMemberButton membershipId={row.membershipId} memberName={row.name} />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </MemberRowActions>
      <Pagination page={query.page} pageCount={pageCount} href={pageHref} />
    </section>
  );
}
