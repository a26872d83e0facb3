import type { Metadata } from "next";
import { planRoom } from "@/lib/platform/billing/room";
import { PlanLimitButton } from "@/components/billing/plan-limit-button";
import { notFound } from "next/navigation";
import { CreateIdentityDialog } from "@/components/identities/create-identity-dialog";
import { IdentitiesTable } from "@/components/identities/identities-table";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { listIdentities } from "@/lib/platform/identities/list-identities";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { PageHeader } from "@/components/layout/page-header";
import { browserData } from "@/components/ui/browser-data";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Machine identities" };

export default async function IdentitiesPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("identity:read")) notFound();
  const [{ query, rows, total, pageCount }, roles, seatRoom] = await Promise.all([
    listIdentities(access, await searchParams),
    roleOptions(orgRoleScope(access)),
    access.can("identity:create") ? planRoom(access.org, "seats") : ({ full: false } as const),
  ]);
  const base = `/orgs/${access.org.slug}/identities`;
  return (
    <section aria-labelledby="identities-heading" className="flex flex-col gap-4">
      <PageHeader
        id="identities-heading"
        title="Machine identities"
        description="Services and pipelines that read secrets through the API, with roles like members have."
        actions={
          !access.can("identity:create") ? null : seatRoom.full ? (
            <PlanLimitButton label="Create identity" reason={seatRoom.reason} />
          ) : (
            <CreateIdentityDialog orgSlug={access.org.slug} roles={roles.grantable.map(({ slug, label }) => ({ slug, label }))} />
          )
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchForm action={base} label="Search identities" placeholder="Search by name" defaultValue={query.q} />
        <p className="text-sm text-slate-600">
          {total} {total === 1 ? "identity" : "identities"}
        </p>
      </div>
      <IdentitiesTable
        base={base}
        rows={browserData(
          rows.map((row) => ({
            identityId: row.identityId,
            name: row.name,
            clientId: row.clientId,
            roleName: roles.nameOf(row.role),
            projectCount: row.projectCount,
          })),
        )}
        empty={
          rows.length === 0
            ? query.q
              ? `No identities match "${query.q}".`
              : "No machine identities yet. Create one to let a service read secrets through the API."
            : null
        }
      />
      <Pagination
        page={query.page}
        pageCount={pageCount}
        href={(page) => `${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`}
      />
    </section>
  );
}
