import { renewRoute } from "@/lib/platform/api/auth-routes";

export const POST = renewRoute;
