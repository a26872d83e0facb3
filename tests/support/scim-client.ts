// Calls an org's SCIM service as an identity provider does: through the route handler, with
// the bearer token, a JSON body and the address Tessera's front door would set.
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/http/client-address";
import { scimRoute } from "@/lib/platform/scim/routes";

/** What the tests read of a SCIM answer (a resource, a list or an error); whatever else it holds stays unknown. */
export type ScimBody = {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  members: Array<{ value: string; display?: string }>;
  Resources: ScimBody[];
  totalResults: number;
  status: string;
  scimType?: string;
  detail: string;
  [attribute: string]: unknown;
};

export type ScimAnswer = { status: number; body: ScimBody; location: string | null };

export function scimClient(orgSlug: string, token: string | null, address = "10.20.30.40") {
  return async function scim(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", pathAndQuery: string, body?: unknown): Promise<ScimAnswer> {
    const [path = "", query = ""] = pathAndQuery.split("?");
    const url = `http://localhost:3000/api/scim/v2/${orgSlug}/${path}${query ? `?${query}` : ""}`;
    const request = new Request(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        "content-type": "application/scim+json",
        [CLIENT_ADDRESS_HEADER]: address,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const response = await scimRoute(method)(request, { params: Promise.resolve({ org: orgSlug, path: path ? path.split("/") : [] }) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as ScimBody, location: response.headers.get("location") };
  };
}

export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
