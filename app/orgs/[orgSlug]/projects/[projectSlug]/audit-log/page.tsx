import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { projectAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";

export const metadata: Metadata = { title: "Project audit log" };

type Props = {
  params: Promise<{ orgSlug: string; projectSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ProjectAuditLogPage({ params, searchParams }: Props) {
  const { orgSlug, projectSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  if (!access.can("audit-log:read")) notFound();
  return (
    <AuditLogView
      scope={projectAuditScope(access)}
      base={`/orgs/${orgSlug}/projects/${projectSlug}/audit-log`}
      searchParams={await searchParams}
      title="Project audit log"
    />
  );
}
