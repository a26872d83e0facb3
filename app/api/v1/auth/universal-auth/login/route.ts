import { loginRoute } from "@/lib/platform/identities/auth-routes";

export const POST = loginRoute;
