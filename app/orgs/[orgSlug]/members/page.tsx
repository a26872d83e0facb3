import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LeaveOrgButton, RemoveOrgMemberButton } from "@/components/org-members/member-removal";
import { OrgRoleSelect } from "@/components/org-members/org-role-select";
import { BUILT_IN_ORG_ROLES, type OrgRoleSlug } from "@/lib/authz/built-in-roles";
import { requireOrgAccess } from "@/lib/authz/org-access";
import { listOrgMembers } from "@/lib/org-members/list-org-members";

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
  const { query, rows, total, pageCount } = await listOrgMembers(access, await searchParams);
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
            {query.q ? ` matching "${query.q}"` : ""}
          </p>
        </div>
        <LeaveOrgButton orgSlug={orgSlug} />
      </div>
      <form role="search" action={base} className="flex gap-2">
        <label htmlFor="org-member-search" className="sr-only">
          Search members
        </label>
        <input
          id="org-member-search"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder="Search by name or email"
          className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Search
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          {query.q ? `No members match "${query.q}".` : "No members on this page."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Member</th>
                <th scope="col" className="px-4 py-2">Role</th>
                <th scope="col" className="px-4 py-2">Projects</th>
                <th scope="col" className="px-4 py-2">Joined</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const isSelf = row.userId === access.actor.userId;
                return (
                  <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-3">
                      <span className="block font-medium text-slate-900">
                        {row.name} {isSelf ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
                      </span>
                      <span className="block text-slate-500">{row.email}</span>
                    </td>
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
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {query.page > 1 ? <Link href={pageHref(query.page - 1)} className="text-brand-600 hover:underline">← Previous</Link> : <span />}
          <span className="text-slate-600">Page {query.page} of {pageCount}</span>
          {query.page < pageCount ? <Link href={pageHref(query.page + 1)} className="text-brand-600 hover:underline">Next →</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}
