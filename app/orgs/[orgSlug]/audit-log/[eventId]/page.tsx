import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditEventDetail } from "@/components/audit/audit-event-detail";
import { orgAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";

export const metadata: Metadata = { title: "Audit event" };

export default async function OrgAuditEventPage({ params }: { params: Promise<{ orgSlug: string; eventId: string }> }) {
  const { orgSlug, eventId } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("audit-log:read")) notFound();
  return <AuditEventDetail scope={orgAuditScope(access)} base={`/orgs/${access.org.slug}/audit-log`} eventId={eventId} />;
}
