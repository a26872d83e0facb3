import "server-only";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import { auditCsvStream } from "./export-audit-csv.ts";
import type { AuditLogScope } from "./list-audit-events.ts";

const NOT_FOUND = () => new Response("Not found", { status: 404 });

/**
 * The export endpoints' shared shape: the session, then the caller's access check (null:
 * 404, the same as for anything the actor may not see), then the CSV stream.
 */
export async function auditExportResponse(
  request: Request,
  authorize: (claims: SessionClaims) => Promise<{ scope: AuditLogScope; name: string } | null>,
): Promise<Response> {
  const claims = await getSessionClaims();
  if (!claims) return NOT_FOUND();
  const allowed = await authorize(claims);
  if (!allowed) return NOT_FOUND();
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(allowed.scope, filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${allowed.name}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
