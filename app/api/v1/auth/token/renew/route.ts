import { z } from "zod";
import { clientAddressOf, jsonBody, respond } from "@/lib/platform/api/respond";
import { renewAccessToken } from "@/lib/platform/identities/universal-auth";

const schema = z.object({ accessToken: z.string({ error: "accessToken is required" }).max(200) });

/** Extends an access token by its identity's TTL, up to the max TTL it was issued with. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => renewAccessToken(schema.parse(await jsonBody(request)).accessToken, clientAddressOf(request)));
}
