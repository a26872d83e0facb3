import { readiness } from "@/lib/platform/health/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness, for load balancers and the test harness: 200 only when the database answers and
 * holds every migration this build ships; 503 with the reason otherwise. Liveness (the
 * process answers at all, whatever the database) is /api/health/live.
 */
export async function GET() {
  const state = await readiness();
  if (state.ready) return Response.json({ status: "ok" });
  return Response.json({ status: state.reason, ...("pending" in state ? { pending: state.pending } : {}) }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
