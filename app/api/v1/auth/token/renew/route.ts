import { renewRoute } from "@/lib/platform/identities/auth-routes";

export const POST = renewRoute;
