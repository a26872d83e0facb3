import { loginRoute } from "@/lib/platform/api/auth-routes";

export const POST = loginRoute;
