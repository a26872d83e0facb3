import { ssoStartRoute } from "@/lib/platform/sso/routes";

export const dynamic = "force-dynamic";

export const GET = ssoStartRoute;
