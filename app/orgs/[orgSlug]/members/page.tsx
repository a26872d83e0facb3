import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MembersHeader } from "@/components/org-members/members-header";
import { MemberRowActions } from "@/components/org-members/member-row-actions";
import { MembersTable } from "@/components/org-members/members-table";
import { SeatRefusalNotice } from "@/components/org-members/seat-refusal-notice";
import { browserData } from "@/components/ui/browser-data";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { membersPage } from "@/lib/platform/org-members/members-page";

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
  const { query, rows, total, pageCount, seats, refusals, soleAdmin } = await membersPage(access, await searchParams);
  const orgSlug = access.org.slug;
  const base = `/orgs/${orgSlug}/members`;
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <MembersHeader
        orgSlug={orgSlug}
        current="members"
        showInvitations={canInvite || access.can("invite-link:read")}
        invite={canInvite ? { freeSeats: seats.free } : null}
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
      <MemberRowActions orgSlug={orgSlug}>
        <MembersTable
          orgSlug={orgSlug}
          rows={browserData(rows.map(({ joinedAt, ...row }) => ({ ...row, joined: { iso: joinedAt.toISOString(), label: dateFormat.format(joinedAt) } })))}
          selfUserId={access.actor.userId}
          canEditRoles={access.can("member:edit-role")}
          canRemove={access.can("member:remove")}
          empty={rows.length === 0 ? (query.q ? `No members match "${query.q}".` : "No members on this page.") : null}
        />
      </MemberRowActions>
      <Pagination page={query.page} pageCount={pageCount} href={pageHref} />
    </section>
  );
}
