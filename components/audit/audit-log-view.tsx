import Link from "next/link";
import { browserData } from "@/components/ui/browser-data";
import { AUDIT_ACTION_LABELS, isAuditAction } from "@/lib/platform/audit/audit-actions";
import { describeActor, describeTarget, listAuditEvents, type AuditLogScope } from "@/lib/platform/audit-log/list-audit-events";
import type { AuditFilter } from "@/lib/platform/audit-log/schemas";
import { PageHeader } from "@/components/layout/page-header";
import { AuditActionOptions, AuditEventsTable } from "./audit-events-table";

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

function query(filter: AuditFilter, page: { before?: string; after?: string } = {}): string {
  const entries = Object.entries({
    actor: filter.actor,
    action: filter.action,
    target: filter.target,
    project: filter.project,
    from: filter.from,
    to: filter.to,
    ...page,
  });
  return new URLSearchParams(entries.filter(([, value]) => value)).toString();
}

const field = "max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** An org's or a project's audit log: filters in the URL, keyset pages, detail and CSV export. */
export async function AuditLogView({ scope, base, searchParams, title }: { scope: AuditLogScope; base: string; searchParams: unknown; title: string }) {
  const { filter, rows, olderCursor, newerCursor } = await listAuditEvents(scope, searchParams);
  const filtered = Boolean(filter.actor || filter.action || filter.target || filter.project || filter.from || filter.to);
  // The org's log says which project each event was in; a project's own log need not.
  const orgLog = scope.projectId === null;
  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-4">
      <PageHeader
        id="audit-heading"
        title={title}
        description="Every change to access, newest first. Times are UTC."
        actions={
          <>
            <a
              href={`${base}/export${query(filter) ? `?${query(filter)}` : ""}`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
              download>
              Export CSV
            </a>
          </>
        }
      />
      {/* Keyed by the filters: after "Clear filters" (or Back) the fields show the URL's, not what was typed before. */}
      <form
        key={query(filter)}
        method="get"
        action={base}
        role="search"
        aria-label="Filter the audit log"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <label className="flex max-w-full flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Actor email</span>
          <input name="actor" type="email" defaultValue={filter.actor} className={field} />
        </label>
        <label className="flex max-w-full flex-col gap-1 text-sm">
          <span id="audit-filter-action" className="font-medium text-slate-800">
            Action
          </span>
          <select name="action" aria-labelledby="audit-filter-action" defaultValue={filter.action} className={field}>
            <AuditActionOptions chosen={filter.action} />
          </select>
        </label>
        <label className="flex max-w-full flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">Target</span>
          <input name="target" defaultValue={filter.target} placeholder="Name, email, key or id" className={field} />
        </label>
        {orgLog ? (
          <label className="flex max-w-full flex-col gap-1 text-sm">
            <span className="font-medium text-slate-800">Project</span>
            <input name="project" defaultValue={filter.project} placeholder="Its slug" spellCheck={false} autoComplete="off" className={field} />
          </label>
        ) : null}
        <label className="flex max-w-full flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">From</span>
          <input name="from" type="date" defaultValue={filter.from} className={field} />
        </label>
        <label className="flex max-w-full flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">To</span>
          <input name="to" type="date" defaultValue={filter.to} className={field} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Filter
        </button>
        {filtered ? (
          <Link href={base} className="px-2 py-2 text-sm text-slate-600 underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      <AuditEventsTable
        base={base}
        withProject={orgLog}
        rows={browserData(
          rows.map((event) => ({
            id: event.id,
            time: { iso: event.createdAt.toISOString(), label: timeFormat.format(event.createdAt) },
            action: actionLabel(event.action),
            actor: describeActor(event),
            target: describeTarget(event),
            summary: event.summary || null,
            ...(orgLog ? { project: event.projectId ? (event.projectName ?? "A deleted project") : "—" } : {}),
          })),
        )}
        empty={filtered ? "No events match these filters." : "No events yet."}
      />
      <nav aria-label="Audit log pages" className="flex justify-between text-sm">
        {newerCursor ? (
          <Link href={`${base}?${query(filter, { after: newerCursor })}`} className="underline">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {olderCursor ? (
          <Link href={`${base}?${query(filter, { before: olderCursor })}`} className="underline">
            Older →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
