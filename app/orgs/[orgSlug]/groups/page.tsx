import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { CreateGroupDialog } from "@/components/groups/create-group-dialog";
import { GroupsTable } from "@/components/groups/groups-table";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { planRoom } from "@/lib/platform/billing/room";
import { listGroups } from "@/lib/platform/groups/list-groups";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { browserData } from "@/components/ui/browser-data";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("group:read")) notFound();
  const canCreate = access.can("group:create");
  const [{ query, items, total, pageCount }, roles, room] = await Promise.all([
    listGroups(access, await searchParams),
    canCreate ? roleOptions(orgRoleScope(access)) : null,
    canCreate ? planRoom(access.org, "groups") : ({ full: false } as const),
  ]);
  const base = `/orgs/${access.org.slug}/groups`;
  return (
    <section aria-labelledby="groups-heading" className="flex flex-col gap-4">
      <PageHeader
        id="groups-heading"
        title="Groups"
        description="Teams of members and machine identities. Whatever a group holds — an org role, roles in projects — each of its members holds too."
        actions={
          !canCreate || !roles ? null : room.full ? (
            <PlanLimitButton label="Create group" reason={room.reason} />
          ) : (
            <CreateGroupDialog orgSlug={access.org.slug} roles={roles.grantable.map(({ slug, label }) => ({ slug, label }))} />
          )
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchForm action={base} label="Search groups" placeholder="Search by name" defaultValue={query.q} />
        <p className="text-sm text-slate-600">
          {total} {total === 1 ? "group" : "groups"} ·{" "}
          <Link href={`/orgs/${access.org.slug}/groups/explain`} className="text-brand-700 hover:underline">
            Why can someone do something?
          </Link>
        </p>
      </div>
      <GroupsTable
        base={base}
        rows={browserData(items)}
        empty={items.length === 0 ? (query.q ? `No groups match "${query.q}".` : "No groups yet. Create one to give a team its roles once.") : null}
      />
      <Pagination
        page={query.page}
        pageCount={pageCount}
        href={(page) => `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`}
      />
    </section>
  );
}
