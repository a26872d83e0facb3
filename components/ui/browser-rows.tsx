"use client";

import type { ReactNode } from "react";
import { isEmptyBrowserData, readBrowserData, type BrowserData } from "./browser-data";
import { DataTable } from "./data-table";
import { useHydrated } from "./use-hydrated";

/**
 * A long table's rows, rendered by the browser from the page's data: as soon as the page
 * hydrates, and at once on a navigation inside the console. The server sends one row saying
 * they are on their way. Rendering the rows as HTML as well cost the server about 2 ms of a
 * 12 ms members page, the largest part of a list page's own work (docs/performance.md,
 * design (d)). The data comes as one JSON string (BrowserData), read only in the browser;
 * no rows, no placeholder.
 */
export function BrowserRows<Row>({ columns, rows, row }: { columns: number; rows: BrowserData<Row[]>; row: (item: Row) => ReactNode }) {
  const hydrated = useHydrated();
  if (hydrated) return readBrowserData(rows).map(row);
  if (isEmptyBrowserData(rows)) return null;
  return (
    <tr>
      <td colSpan={columns} className="text-slate-500">
        <span role="status">Loading…</span>
        <noscript> This list needs JavaScript.</noscript>
      </td>
    </tr>
  );
}

/** A DataTable whose rows the browser renders (BrowserRows): `row` draws one. */
export function BrowserTable<Row>({
  columns,
  empty,
  rows,
  row,
}: {
  columns: string[];
  empty: string | null;
  rows: BrowserData<Row[]>;
  row: (item: Row) => ReactNode;
}) {
  return (
    <DataTable columns={columns} empty={empty}>
      {/* One more column than named: DataTable's actions column. */}
      <BrowserRows columns={columns.length + 1} rows={rows} row={row} />
    </DataTable>
  );
}
