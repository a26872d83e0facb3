"use client";

import Link from "next/link";
import { isEmptyBrowserData, type BrowserData } from "@/components/ui/browser-data";
import { BrowserRows } from "@/components/ui/browser-rows";
import { useHydrated } from "@/components/ui/use-hydrated";
import { AUDIT_ACTION_LABELS } from "@/lib/platform/audit/audit-actions";

/** One event of the log, as plain data, in the words the server chose (times in UTC). */
export type AuditEventsTableRow = {
  id: string;
  time: { iso: string; label: string };
  action: string;
  actor: string;
  target: string;
  summary: string | null;
  /** The org's log only: the project it happened in ("—" for none). */
  project?: string;
};

/**
 * The log's rows, rendered from data by the browser (BrowserRows), like the members table.
 */
export function AuditEventsTable({
  base,
  rows,
  withProject,
  empty,
}: {
  base: string;
  rows: BrowserData<AuditEventsTableRow[]>;
  withProject: boolean;
  empty: string;
}) {
  const columns = ["Time", "Action", "Actor", "Target", ...(withProject ? ["Project"] : [])];
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm [&_td]:px-4 [&_td]:py-2">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-4 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <BrowserRows
            columns={columns.length}
            rows={rows}
            row={(event) => (
              <tr key={event.id} className="border-b border-slate-100 last:border-0">
                <td className="whitespace-nowrap text-slate-600">
                  <time dateTime={event.time.iso}>{event.time.label}</time>
                </td>
                <td>
                  <Link href={`${base}/${event.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {event.action}
                  </Link>
                </td>
                <td>{event.actor}</td>
                <td className="text-slate-700">
                  {event.target}
                  {event.summary ? <span className="block text-slate-600">{event.summary}</span> : null}
                </td>
                {withProject ? <td className="text-slate-700">{event.project}</td> : null}
              </tr>
            )}
          />
        </tbody>
      </table>
      {isEmptyBrowserData(rows) ? <p className="px-4 py-6 text-center text-sm text-slate-600">{empty}</p> : null}
    </div>
  );
}

/**
 * The Action filter's options: every action the log knows, from the bundle rather than from
 * each page. The server renders only "All actions" and the chosen one (148 options were a
 * fifth of the page's HTML); the browser adds the others around it, and the chosen option
 * stays selected.
 */
export function AuditActionOptions({ chosen }: { chosen: string }) {
  const hydrated = useHydrated();
  const actions = Object.entries(AUDIT_ACTION_LABELS).filter(([action]) => hydrated || action === chosen);
  return (
    <>
      <option value="">All actions</option>
      {actions.map(([action, label]) => (
        <option key={action} value={action}>
          {label}
        </option>
      ))}
    </>
  );
}
