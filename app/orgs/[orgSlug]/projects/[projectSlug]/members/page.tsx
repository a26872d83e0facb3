import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddMemberDialog } from "@/components/project-members/add-member-dialog";
import { ChangeRolesDialog } from "@/components/project-members/change-roles-dialog";
import { LeaveProjectButton, RemoveMemberButton } from "@/components/project-members/confirm-member-action";
import { ExpiryLabel } from "@/components/project-members/expiry-label";
import { Pagination } from "@/components/ui/pagination";
import { DataTable, PersonCell } from "@/components/ui/data-table";
import { SearchForm } from "@/components/ui/search-form";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { listProjectMembers, PROJECT_MEMBERS_PAGE_SIZE } from "@/lib/platform/project-members/list-project-members";
import { isSoleProjectAdmin } from "@/lib/platform/project-members/guards";
import { PageHeader } from "@/components/layout/page-header";

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
};

export const metadata: Metadata = { title: "Project members" };

export default async function ProjectMembersPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  if (!access.can("member:read")) notFound();
  const { q = "", page = "1" } = await searchParams;
  const pageNumber = Math.max(1, Number.parseInt(page, 10) || 1);
  const [{ rows, total, asOf }, identities, roles, soleAdmin] = await Promise.all([
    listProjectMembers(access, { q: typeof q === "string" ? q : "", page: pageNumber }),
    listProjectMembers(access, { kind: "IDENTITY" }),
    roleOptions(projectRoleScope(access)),
    isSoleProjectAdmin(access),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PROJECT_MEMBERS_PAGE_SIZE));
  const base = `/orgs/${orgSlug}/projects/${projectSlug}/members`;
  const pageHref = (target: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(target) })}`;

  const memberRow = (row: (typeof rows)[number], subtitle: string) => {
    const isSelf = row.membershipId === access.membership?.id;
    return (
      <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
        <PersonCell name={row.name} email={subtitle} isSelf={isSelf} />
        <td>
          <ul className="flex flex-wrap gap-2">
            {row.grants.map((grant) => (
              <li key={grant.role} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
                {roles.nameOf(grant.role)}
                {grant.expiresAt ? (
                  <>
                    {" · "}
                    <ExpiryLabel expiresAt={grant.expiresAt.toISOString()} renderedAt={asOf} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <div className="flex justify-end gap-2">
            {access.can("member:edit-role") ? (
              <ChangeRolesDialog
                orgSlug={orgSlug}
                projectSlug={projectSlug}
                membershipId={row.membershipId}
                memberName={row.name}
                current={row.grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null }))}
                roles={roles.grantable}
              />
            ) : null}
            {access.can("member:remove") && !isSelf ? (
              <RemoveMemberButton orgSlug={orgSlug} projectSlug={projectSlug} membershipId={row.membershipId} memberName={row.name} />
            ) : null}
          </div>
        </td>
      </tr>
    );
  };

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <PageHeader
        id="members-heading"
        title="Members"
        description={
          <>
            {total} {total === 1 ? "member" : "members"}
          </>
        }
        actions={
          <>
            {access.membership ? <LeaveProjectButton orgSlug={orgSlug} projectSlug={projectSlug} soleAdmin={soleAdmin} /> : null}
            {access.can("member:add") ? <AddMemberDialog orgSlug={orgSlug} projectSlug={projectSlug} roles={roles.grantable} /> : null}
          </>
        }
      />
      <SearchForm action={base} label="Search members" placeholder="Search by name or email" defaultValue={q} />
      <DataTable columns={["Member", "Roles"]} empty={rows.length === 0 ? (q ? `No members match "${q}".` : "No members yet.") : null}>
        {rows.map((row) => memberRow(row, row.email))}
      </DataTable>
      <Pagination page={pageNumber} pageCount={pageCount} href={pageHref} />

      <section aria-labelledby="project-identities-heading" className="mt-4 flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="project-identities-heading" className="text-lg font-semibold">
            Machine identities
          </h2>
          {access.can("member:add") ? (
            <AddMemberDialog
              kind="IDENTITY"
              orgSlug={orgSlug}
              projectSlug={projectSlug}
              roles={roles.grantable}
              readsSecrets={access.project.type === "SECRET_MANAGER"}
            />
          ) : null}
        </div>
        <DataTable
          columns={["Identity", "Roles"]}
          empty={
            identities.rows.length === 0 ? "No machine identity has a role here. Add one to let a service read this project's secrets through the API." : null
          }>
          {identities.rows.map((row) => memberRow(row, "Machine identity"))}
        </DataTable>
        {identities.total > identities.rows.length ? <p className="text-sm text-slate-600">and {identities.total - identities.rows.length} more</p> : null}
      </section>
    </section>
  );
}
