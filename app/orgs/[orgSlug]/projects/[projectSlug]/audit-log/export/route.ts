import { auditExportResponse } from "@/lib/platform/audit-log/export-response";
import { projectAuditScope } from "@/lib/platform/audit-log/list-audit-events";
import { loadProjectAccess } from "@/lib/platform/authz/project-access";

/** The filtered project audit log as a CSV download, checked on this request like any page. */
export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; projectSlug: string }> }) {
  const { orgSlug, projectSlug } = await params;
  return auditExportResponse(request, async (claims) => {
    const { access } = await loadProjectAccess(claims, orgSlug, projectSlug);
    return access?.can("audit-log:read") ? { scope: projectAuditScope(access), name: `${orgSlug}-${projectSlug}` } : null;
  });
}
