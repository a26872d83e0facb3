import Link from "next/link";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/platform/errors";
import { describeActor, describeTarget, getAuditEvent, type AuditLogScope } from "@/lib/platform/audit-log/list-audit-events";
import { namesInEvent } from "@/lib/platform/audit-log/event-names";
import { actionLabel } from "./audit-log-view";

const PEOPLE_FIELD_WORDS: Record<string, string> = {
  approverIds: "Approvers",
  breakGlassIds: "Break-glass",
  userId: "Person",
  userIds: "People",
  requesterId: "Requester",
  memberId: "Member",
  memberIds: "Members",
};

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "long", timeZone: "UTC" });

/** Everything recorded about one event, before and after included. */
export async function AuditEventDetail({ scope, base, eventId }: { scope: AuditLogScope; base: string; eventId: string }) {
  const event = await getAuditEvent(scope, eventId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { projectName, people } = await namesInEvent(scope, event);
  const rows: Array<[string, string]> = [
    ["Time", timeFormat.format(event.createdAt)],
    ["Action", `${actionLabel(event.action)} (${event.action})`],
    ["Actor", `${describeActor(event)}${event.actorId ? ` · ${event.actorId}` : ""}`],
    ["Target", `${describeTarget(event)} · ${event.targetId}`],
    ...(event.summary ? ([["Change", event.summary]] as Array<[string, string]>) : []),
    ["Project", event.projectId ? `${projectName ?? "A deleted project"} · ${event.projectId}` : "—"],
    ...people.map(({ field, names }): [string, string] => [PEOPLE_FIELD_WORDS[field] ?? field, names.join(", ")]),
    ["Address", event.ip ?? "—"],
    ["User agent", event.userAgent ?? "—"],
  ];
  return (
    <section aria-labelledby="event-heading" className="flex max-w-3xl flex-col gap-4">
      <Link href={base} className="text-sm text-slate-600 hover:text-slate-900">
        ← Audit log
      </Link>
      <h1 id="event-heading" className="text-2xl font-semibold">
        {actionLabel(event.action)}
      </h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h2 className="text-sm font-semibold text-slate-800">Details</h2>
        <pre tabIndex={0} aria-label="Details as recorded" className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100">
          {JSON.stringify(event.metadata, null, 2)}
        </pre>
      </div>
    </section>
  );
}
