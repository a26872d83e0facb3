import { readinessRoute } from "@/lib/platform/health/routes";

export const dynamic = "force-dynamic";

/** Readiness (lib/platform/health/routes.ts); liveness is /api/health/live. */
export const GET = readinessRoute;
