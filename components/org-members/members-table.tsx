"use client";

import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";
import { PersonCell } from "@/components/ui/data-table";
import type { OrgMemberRow } from "@/lib/platform/org-members/list-org-members";
import { OrgRoleButton, RemoveMemberButton } from "./member-row-controls";

/** One row of the members table: a member as listed, with the join date in words. */
export type MembersTableRow = Omit<OrgMemberRow, "joinedAt"> & {
  /** ISO time and its words, both from the server (a browser's time zone would change the words). */
  joined: { iso: string; label: string };
};

const COLUMNS = ["Member", "Role", "Projects", "Two-factor", "Joined"];

/** The org's members, rendered from data by the browser (BrowserRows). */
export function MembersTable({
  orgSlug,
  rows,
  selfUserId,
  canEditRoles,
  canRemove,
  empty,
}: {
  orgSlug: string;
  rows: BrowserData<MembersTableRow[]>;
  selfUserId: string;
  canEditRoles: boolean;
  canRemove: boolean;
  empty: string | null;
}) {
  return (
    <BrowserTable
      columns={COLUMNS}
      empty={empty}
      rows={rows}
      row={(row) => {
        const isSelf = row.userId === selfUserId;
        return (
          <tr key={row.membershipId} className="border-b border-slate-100 last:border-0">
            <PersonCell name={row.name} email={row.email} isSelf={isSelf} href={`/orgs/${orgSlug}/members/${row.userId}`} />
            <td>
              {canEditRoles ? <OrgRoleButton membershipId={row.membershipId} memberName={row.name} role={row.role} roleName={row.roleName} /> : row.roleName}
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
              <time dateTime={row.joined.iso}>{row.joined.label}</time>
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
      }}
    />
  );
}
