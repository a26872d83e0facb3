import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditEventDetail } from "@/components/audit/audit-event-detail";
import { projectAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";

export const metadata: Metadata = { title: "Audit event" };

export default async function ProjectAuditEventPage({ params }: { params: Promise<{ orgSlug: string; projectSlug: string; eventId: string }> }) {
  const { orgSlug, projectSlug, eventId } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  if (!access.can("audit-log:read")) notFound();
  return <AuditEventDetail scope={projectAuditScope(access)} base={`/orgs/${orgSlug}/projects/${projectSlug}/audit-log`} eventId={eventId} />;
}
