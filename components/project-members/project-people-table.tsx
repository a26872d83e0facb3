"use client";

import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";
import { PersonCell } from "@/components/ui/data-table";
import { ChangeRolesDialog } from "./change-roles-dialog";
import { RemoveMemberButton } from "./confirm-member-action";
import { GrantChips, type NamedGrant } from "./grant-chips";

/** One row of a project's people or identities: who, what they hold here, and whether it is the viewer. */
export type ProjectPersonRow = { membershipId: string; name: string; detail: string; isSelf: boolean; grants: NamedGrant[] };

type Roles = Array<{ slug: string; label: string; description: string }>;

/**
 * A project's members (or its machine identities), rendered from data by the browser (BrowserRows): a client component
 * for the same reason as the org's MembersTable, so the RSC payload carries rows of data and
 * the roles a dialog offers once, not a row of markup and a copy of the roles per member.
 */
export function ProjectPeopleTable({
  orgSlug,
  projectSlug,
  heading,
  rows,
  roles,
  canEditRoles,
  canRemove,
  renderedAt,
  empty,
}: {
  orgSlug: string;
  projectSlug: string;
  heading: "Member" | "Identity";
  rows: BrowserData<ProjectPersonRow[]>;
  roles: Roles;
  canEditRoles: boolean;
  canRemove: boolean;
  renderedAt: number;
  empty: string | null;
}) {
  return (
    <BrowserTable
      columns={[heading, "Roles"]}
      empty={empty}
      rows={rows}
      row={(row) => (
        <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
          <PersonCell name={row.name} email={row.detail} isSelf={row.isSelf} />
          <td>
            <GrantChips grants={row.grants} renderedAt={renderedAt} />
          </td>
          <td>
            <div className="flex justify-end gap-2">
              {canEditRoles ? (
                <ChangeRolesDialog
                  orgSlug={orgSlug}
                  projectSlug={projectSlug}
                  membershipId={row.membershipId}
                  memberName={row.name}
                  current={row.grants.map(({ role, expiresAt }) => ({ role, expiresAt }))}
                  roles={roles}
                />
              ) : null}
              {canRemove && !row.isSelf ? (
                <RemoveMemberButton orgSlug={orgSlug} projectSlug={projectSlug} membershipId={row.membershipId} memberName={row.name} />
              ) : null}
            </div>
          </td>
        </tr>
      )}
    />
  );
}
