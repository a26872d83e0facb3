"use client";

import Link from "next/link";
import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";

/** A machine identity of the list, as plain data. */
export type IdentitiesTableRow = { identityId: string; name: string; clientId: string; roleName: string; projectCount: number };

/**
 * The org's machine identities, rendered from data by the browser (BrowserRows). A client component, like the
 * members table: the page's RSC payload carries the rows' data, not their markup.
 */
export function IdentitiesTable({ base, rows, empty }: { base: string; rows: BrowserData<IdentitiesTableRow[]>; empty: string | null }) {
  return (
    <BrowserTable
      columns={["Identity", "Organization role", "Projects"]}
      empty={empty}
      rows={rows}
      row={(row) => (
        <tr key={row.identityId} className="border-b border-slate-100 last:border-0">
          <td>
            <Link href={`${base}/${row.identityId}`} className="font-medium text-brand-700 hover:underline">
              {row.name}
            </Link>
            <span className="block font-mono text-xs text-slate-600">{row.clientId}</span>
          </td>
          <td>{row.roleName}</td>
          <td className="tabular-nums">{row.projectCount}</td>
          <td />
        </tr>
      )}
    />
  );
}
