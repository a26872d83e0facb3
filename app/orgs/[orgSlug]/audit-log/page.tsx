import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { orgAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { pruneExpiredAuditEvents } from "@/lib/platform/audit-log/retention";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OrgAuditLogPage({ params, searchParams }: Props) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("audit-log:read")) notFound();
  const orgId = access.org.id;
  // Old events past the org's retention go once the page has been sent, not while it waits.
  after(() => pruneExpiredAuditEvents(orgId));
  return <AuditLogView scope={orgAuditScope(access)} base={`/orgs/${access.org.slug}/audit-log`} searchParams={await searchParams} title="Audit log" />;
}
