import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddGroupMembersDialog } from "@/components/groups/add-group-members-dialog";
import { GroupMembersTable } from "@/components/groups/group-members-table";
import { GroupSettingsForm } from "@/components/groups/group-settings-form";
import { IdpGroupForm } from "@/components/groups/idp-group-form";
import { PageHeader } from "@/components/layout/page-header";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { deleteGroupAction } from "@/lib/platform/actions/group-actions";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { NotFoundError } from "@/lib/platform/errors";
import { getGroup } from "@/lib/platform/groups/get-group";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { browserData } from "@/components/ui/browser-data";

type Props = {
  params: Promise<{ orgSlug: string; groupSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Group" };

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export default async function GroupPage({ params, searchParams }: Props) {
  const { orgSlug, groupSlug } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("group:read")) notFound();
  // The group and the roles its settings offer, read side by side.
  const [group, roles] = await Promise.all([
    getGroup(access, groupSlug, await searchParams).catch((error: unknown) => {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }),
    access.can("group:edit") ? roleOptions(orgRoleScope(access)) : null,
  ]);
  // A provisioned group's members and its very existence are the identity provider's.
  const canManage = access.can("group:manage-members") && !group.scimManaged;
  const base = `/orgs/${orgSlug}/groups/${group.slug}`;
  const { q, page } = group.memberQuery;
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        id="group-heading"
        back={{ href: `/orgs/${orgSlug}/groups`, label: "Groups" }}
        title={group.name}
        description={group.description || "A group: its members hold its org role and its project roles."}
        actions={
          access.can("group:delete") && !group.scimManaged ? (
            <ConfirmActionButton
              trigger="Delete group"
              title={`Delete ${group.name}?`}
              body={`Its ${group.memberTotal} ${group.memberTotal === 1 ? "member loses" : "members lose"} what the group gives them (${group.orgRoleName ? `org role ${group.orgRoleName}, ` : ""}${group.projectRoles.length} project ${group.projectRoles.length === 1 ? "role" : "roles"}) on their next request. Their own roles stay.`}
              confirm="Delete group"
              action={deleteGroupAction}
              input={{ orgSlug, groupId: group.id }}
              goTo={`/orgs/${orgSlug}/groups`}
            />
          ) : null
        }
      />

      {group.scimManaged ? (
        <p role="note" className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
          Provisioned by your identity provider (SCIM): its name and members are changed there, and it is deleted there. Its roles are given here.
        </p>
      ) : null}

      <section aria-labelledby="group-members-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="group-members-heading" className="text-lg font-semibold">
            Members <span className="text-sm font-normal text-slate-600">({group.memberTotal})</span>
          </h2>
          {canManage ? <AddGroupMembersDialog orgSlug={orgSlug} groupId={group.id} groupName={group.name} /> : null}
        </div>
        <SearchForm action={base} label="Search this group's members" placeholder="Search by name or email" defaultValue={q} />
        <GroupMembersTable
          orgSlug={orgSlug}
          group={{ id: group.id, name: group.name }}
          canManage={canManage}
          rows={browserData(
            group.members.map((member) => ({
              userId: member.userId,
              name: member.name,
              detail: member.kind === "IDENTITY" ? "Machine identity" : member.email,
              added: `${day.format(member.addedAt)}${member.addedBy ? ` by ${member.addedBy}` : ""}`,
            })),
          )}
          empty={group.members.length === 0 ? (q ? `No member of this group matches "${q}".` : "Nobody is in this group yet.") : null}
        />
        <Pagination
          page={page}
          pageCount={group.memberPageCount}
          href={(next) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(next) })}`}
        />
      </section>

      <section aria-labelledby="group-projects-heading" className="flex flex-col gap-3">
        <h2 id="group-projects-heading" className="text-lg font-semibold">
          Project roles
        </h2>
        <p className="text-sm text-slate-600">Given, changed and taken away on each project&apos;s Members page, by whoever may change roles there.</p>
        <DataTable
          columns={["Project", "Role", "Until"]}
          empty={group.projectRoles.length === 0 ? "This group holds no project role yet. Add it on a project's Members page." : null}>
          {group.projectRoles.map((grant) => (
            <tr key={`${grant.projectId}/${grant.role}`} className="border-b border-slate-100 last:border-0">
              <td>
                <Link href={`/orgs/${orgSlug}/projects/${grant.projectSlug}/members`} className="text-brand-700 hover:underline">
                  {grant.projectName}
                </Link>
              </td>
              <td>{grant.roleName}</td>
              <td className="text-sm text-slate-700">
                {grant.expiresAt ? grant.expiresAt.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "Permanent"}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="group-settings-heading" className="flex max-w-xl flex-col gap-3">
        <h2 id="group-settings-heading" className="text-lg font-semibold">
          Settings
        </h2>
        {roles ? (
          <GroupSettingsForm
            orgSlug={orgSlug}
            group={{ id: group.id, name: group.name, description: group.description, orgRole: group.orgRole }}
            roles={roles.grantable.map(({ slug, label }) => ({ slug, label }))}
          />
        ) : (
          <p className="text-sm text-slate-700">Organization role: {group.orgRoleName ?? "none"}.</p>
        )}
        {canManage ? (
          <IdpGroupForm orgSlug={orgSlug} groupId={group.id} idpGroup={group.idpGroup} />
        ) : group.idpGroup ? (
          <p className="text-sm text-slate-700">Follows the identity provider group {group.idpGroup} at each single sign-on.</p>
        ) : null}
        {access.can("audit-log:read") ? (
          <Link href={`/orgs/${orgSlug}/audit-log?${new URLSearchParams({ target: group.id })}`} className="text-sm text-brand-700 hover:underline">
            This group&apos;s audit events
          </Link>
        ) : null}
      </section>
    </div>
  );
}
