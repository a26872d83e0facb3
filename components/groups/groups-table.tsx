"use client";

import Link from "next/link";
import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";
import type { GroupListItem } from "@/lib/platform/groups/list-groups";

const COLUMNS = ["Group", "Organization role", "Members", "Projects"];

/** The org's groups, rendered from data by the browser (BrowserRows), like the members table. */
export function GroupsTable({ base, rows, empty }: { base: string; rows: BrowserData<GroupListItem[]>; empty: string | null }) {
  return (
    <BrowserTable
      columns={COLUMNS}
      empty={empty}
      rows={rows}
      row={(group) => (
        <tr key={group.id} className="border-b border-slate-100 last:border-0">
          <td>
            <Link href={`${base}/${group.slug}`} className="font-medium text-brand-700 hover:underline">
              {group.name}
            </Link>
            {group.description ? <span className="block text-xs text-slate-600">{group.description}</span> : null}
          </td>
          <td>{group.orgRoleName ?? "—"}</td>
          <td className="tabular-nums">{group.members}</td>
          <td className="tabular-nums">{group.projects}</td>
        </tr>
      )}
    />
  );
}
