import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddMemberDialog } from "@/components/project-members/add-member-dialog";
import { LeaveProjectButton } from "@/components/project-members/confirm-member-action";
import { GrantChips } from "@/components/project-members/grant-chips";
import { ProjectPeopleTable } from "@/components/project-members/project-people-table";
import { Pagination } from "@/components/ui/pagination";
import { DataTable } from "@/components/ui/data-table";
import { SearchForm } from "@/components/ui/search-form";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { listProjectMembers, PROJECT_MEMBERS_PAGE_SIZE } from "@/lib/platform/project-members/list-project-members";
import { PageHeader } from "@/components/layout/page-header";
import Link from "next/link";
import { GroupRolesDialog } from "@/components/groups/group-roles-dialog";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { removeGroupFromProjectAction } from "@/lib/platform/actions/group-actions";
import { browserData } from "@/components/ui/browser-data";

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
  const [
    {
      people: { rows, total },
      identities,
      soleAdmin,
      groups,
      asOf,
    },
    roles,
  ] = await Promise.all([listProjectMembers(access, { q: typeof q === "string" ? q : "", page: pageNumber }), roleOptions(projectRoleScope(access))]);
  const pageCount = Math.max(1, Math.ceil(total / PROJECT_MEMBERS_PAGE_SIZE));
  const base = `/orgs/${orgSlug}/projects/${projectSlug}/members`;
  const pageHref = (target: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(target) })}`;

  const named = (grants: ReadonlyArray<{ role: string; expiresAt: Date | null }>) =>
    grants.map(({ role, expiresAt }) => ({ role, name: roles.nameOf(role), expiresAt: expiresAt?.toISOString() ?? null }));
  const peopleRows = (list: typeof rows, detail: (row: (typeof rows)[number]) => string) =>
    list.map((row) => ({
      membershipId: row.membershipId,
      name: row.name,
      detail: detail(row),
      isSelf: row.membershipId === access.membership?.id,
      grants: named(row.grants),
    }));
  const table = {
    orgSlug,
    projectSlug,
    roles: roles.grantable,
    canEditRoles: access.can("member:edit-role"),
    canRemove: access.can("member:remove"),
    renderedAt: asOf,
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
            {access.membership?.id ? <LeaveProjectButton orgSlug={orgSlug} projectSlug={projectSlug} soleAdmin={soleAdmin} /> : null}
            {access.can("member:add") ? <AddMemberDialog orgSlug={orgSlug} projectSlug={projectSlug} roles={roles.grantable} /> : null}
          </>
        }
      />
      <SearchForm action={base} label="Search members" placeholder="Search by name or email" defaultValue={q} />
      <ProjectPeopleTable
        {...table}
        heading="Member"
        rows={browserData(peopleRows(rows, (row) => row.email))}
        empty={rows.length === 0 ? (q ? `No members match "${q}".` : "No members yet.") : null}
      />
      <Pagination page={pageNumber} pageCount={pageCount} href={pageHref} />

      {groups.enabled ? (
        <section aria-labelledby="project-groups-heading" className="mt-4 flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="project-groups-heading" className="text-lg font-semibold">
              Groups
            </h2>
            {access.can("member:add") && access.can("member:edit-role") && groups.addable.length > 0 ? (
              <GroupRolesDialog orgSlug={orgSlug} projectSlug={projectSlug} roles={roles.grantable} addable={groups.addable} />
            ) : null}
          </div>
          <DataTable
            columns={["Group", "Roles"]}
            empty={groups.groups.length === 0 ? "No group has a role here. Add one to give all its members the same roles." : null}>
            {groups.groups.map((group) => (
              <tr key={group.id} className="border-b border-slate-100 last:border-0">
                <td>
                  <Link href={`/orgs/${orgSlug}/groups/${group.slug}`} className="font-medium text-brand-700 hover:underline">
                    {group.name}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {group.members} {group.members === 1 ? "member" : "members"}
                  </span>
                </td>
                <td>
                  <GrantChips grants={named(group.grants)} renderedAt={asOf} />
                </td>
                <td>
                  <div className="flex justify-end gap-2">
                    {access.can("member:edit-role") ? (
                      <GroupRolesDialog
                        orgSlug={orgSlug}
                        projectSlug={projectSlug}
                        roles={roles.grantable}
                        group={{
                          id: group.id,
                          name: group.name,
                          current: group.grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })),
                        }}
                      />
                    ) : null}
                    {access.can("member:remove") ? (
                      <ConfirmActionButton
                        trigger="Remove"
                        triggerLabel={`Remove group ${group.name}`}
                        title={`Remove group ${group.name} from the project?`}
                        body="Its members lose the roles the group gives them here on their next request. Their own roles stay."
                        confirm="Remove group"
                        action={removeGroupFromProjectAction}
                        input={{ orgSlug, projectSlug, groupId: group.id }}
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

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
        <ProjectPeopleTable
          {...table}
          heading="Identity"
          rows={browserData(peopleRows(identities.rows, () => "Machine identity"))}
          empty={
            identities.rows.length === 0 ? "No machine identity has a role here. Add one to let a service read this project's secrets through the API." : null
          }
        />
        {identities.total > identities.rows.length ? <p className="text-sm text-slate-600">and {identities.total - identities.rows.length} more</p> : null}
      </section>
    </section>
  );
}
