"use client";

import { useSyncExternalStore } from "react";
import { DataTable, PersonCell } from "@/components/ui/data-table";
import type { OrgMemberRow } from "@/lib/platform/org-members/list-org-members";
import { OrgRoleButton, RemoveMemberButton } from "./member-row-controls";

/** One row of the members table: a member as listed, with the join date in words. */
export type MembersTableRow = Omit<OrgMemberRow, "joinedAt"> & {
  /** ISO time and its words, both from the server (a browser's time zone would change the words). */
  joined: { iso: string; label: string };
};

const COLUMNS = ["Member", "Role", "Projects", "Two-factor", "Joined"];

/** False while the server renders and the browser hydrates that HTML; true from then on. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

/**
 * The org's members, rendered from data, in the browser. The page's RSC payload carries 25
 * rows of data (not markup); the browser renders them as soon as the page hydrates, and at
 * once on a navigation inside the console. The server sends the table's frame only: rendering
 * the rows as HTML too cost it ~2 ms of a ~12 ms request, the largest part of the page's own
 * work, at 10,000 members as at 10 (docs/performance.md, design (d)). Without JavaScript the
 * frame says so.
 */
export function MembersTable({
  orgSlug,
  rows,
  selfUserId,
  canEditRoles,
  canRemove,
  empty,
}: {
  orgSlug: string;
  rows: MembersTableRow[];
  selfUserId: string;
  canEditRoles: boolean;
  canRemove: boolean;
  empty: string | null;
}) {
  const hydrated = useHydrated();
  if (!hydrated && !empty) {
    return (
      <DataTable columns={COLUMNS} empty={null}>
        <tr>
          <td colSpan={COLUMNS.length + 1} className="text-slate-500" role="status">
            Loading members…<noscript> The list of members needs JavaScript.</noscript>
          </td>
        </tr>
      </DataTable>
    );
  }
  return (
    <DataTable columns={COLUMNS} empty={empty}>
      {rows.map((row) => {
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
      })}
    </DataTable>
  );
}
