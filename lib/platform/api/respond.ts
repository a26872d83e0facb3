import "server-only";
import { z } from "zod";
import { isDatabaseUnavailable } from "../db.ts";
import { readBodyWithin } from "../http/body-limit.ts";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_API_MESSAGE } from "../http/unavailable-page.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { ApiRefusal } from "../identities/universal-auth.ts";
import { clientIp } from "../rate-limits/client-ip.ts";

/** Bodies larger than this are refused before they are parsed. */
export const MAX_API_BODY_BYTES = 256 * 1024;

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ statusCode: status, message, error: REASONS[status] ?? "Error" }, { status, headers });
}

/** An issue list as one message that names each field: "environment: environment is required". */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

/**
 * Runs an API handler and answers in JSON either way (a Response it made itself goes out as
 * it is: a CA's DER file). Errors take Infisical's shape, `{statusCode, message, error}`;
 * what went wrong inside the server is not described.
 */
export async function respond(handle: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await handle();
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (error instanceof ApiRefusal) {
      return errorResponse(error.status, error.message, error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {});
    }
    if (error instanceof z.ZodError) return errorResponse(422, describeIssues(error));
    if (error instanceof ValidationError) {
      return errorResponse(
        422,
        Object.entries(error.fieldErrors)
          .map(([field, messages]) => `${field}: ${messages?.[0] ?? "invalid"}`)
          .join("; "),
      );
    }
    if (error instanceof ForbiddenError) return errorResponse(403, "Your roles do not allow this");
    if (error instanceof NotFoundError) return errorResponse(404, "Not found");
    if (error instanceof RefusedError) return errorResponse(409, error.message);
    if (isDatabaseUnavailable(error)) {
      return errorResponse(503, UNAVAILABLE_API_MESSAGE, { "Retry-After": String(RETRY_AFTER_SECONDS) });
    }
    console.error(error);
    return errorResponse(500, "Something went wrong on our side");
  }
}

/** The request's JSON body: refused when too large (reading stops there), not UTF-8, or not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  const bytes = await readBodyWithin(request, MAX_API_BODY_BYTES);
  if (!bytes) throw new ApiRefusal(413, `body: larger than ${MAX_API_BODY_BYTES / 1024} KiB`);
  if (bytes.byteLength === 0) return {};
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiRefusal(400, "body: not UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiRefusal(400, "body: not valid JSON");
  }
}

/** The query string as a plain object (repeated names: the last one). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export function clientAddressOf(request: Request): string {
  return clientIp(request.headers);
}
