import { auditExportResponse } from "@/lib/platform/audit-log/export-response";
import { loadOrgAccess } from "@/lib/platform/authz/org-access";
import { orgAuditScope } from "@/lib/platform/audit-log/list-audit-events";

/** The filtered org audit log as a CSV download, checked on this request like any page. */
export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  return auditExportResponse(request, async (claims) => {
    const { access } = await loadOrgAccess(claims, orgSlug);
    return access?.can("audit-log:read") ? { scope: orgAuditScope(access), name: access.org.slug } : null;
  });
}
