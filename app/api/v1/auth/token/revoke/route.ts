import { z } from "zod";
import { jsonBody, respond } from "@/lib/platform/api/respond";
import { revokeAccessToken } from "@/lib/platform/identities/universal-auth";

const schema = z.object({ accessToken: z.string({ error: "accessToken is required" }).max(200) });

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    await revokeAccessToken(schema.parse(await jsonBody(request)).accessToken);
    return { message: "Successfully revoked access token" };
  });
}
