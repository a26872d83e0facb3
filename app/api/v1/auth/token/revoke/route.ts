import { revokeRoute } from "@/lib/platform/api/auth-routes";

export const POST = revokeRoute;
