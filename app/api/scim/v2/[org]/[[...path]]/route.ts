import { scimRoute } from "@/lib/platform/scim/routes";

export const dynamic = "force-dynamic";

export const GET = scimRoute("GET");
export const POST = scimRoute("POST");
export const PUT = scimRoute("PUT");
export const PATCH = scimRoute("PATCH");
export const DELETE = scimRoute("DELETE");
