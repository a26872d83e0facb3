import { ssoLogoutRoute } from "@/lib/platform/sso/routes";

export const dynamic = "force-dynamic";

export const POST = ssoLogoutRoute;
