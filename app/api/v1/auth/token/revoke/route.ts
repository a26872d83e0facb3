import { revokeRoute } from "@/lib/platform/identities/auth-routes";

export const POST = revokeRoute;
