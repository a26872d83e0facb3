import { livenessRoute } from "@/lib/platform/health/routes";

export const dynamic = "force-dynamic";

export const GET = livenessRoute;
