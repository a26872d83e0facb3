import "server-only";
import { defineApiRoute } from "../api/define-api-route.ts";
import { readiness } from "./readiness.ts";

/**
 * Readiness, for load balancers and the test harness: 200 only when the database answers and
 * holds every migration this build ships; 503 with the reason otherwise.
 */
export const readinessRoute = defineApiRoute({
  auth: "public",
  from: "none",
  async handle() {
    const state = await readiness();
    if (state.ready) return { status: "ok" };
    return Response.json(
      { status: state.reason, ...("pending" in state ? { pending: state.pending } : {}) },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});

/** Liveness: the process serves requests. It never touches the database, so an outage there does not get healthy instances restarted. */
export const livenessRoute = defineApiRoute({
  auth: "public",
  from: "none",
  handle: async () => Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } }),
});
