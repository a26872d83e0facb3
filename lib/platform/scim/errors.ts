import "server-only";

/** SCIM's error detail types (RFC 7644 §3.12) that Tessera answers with. */
export type ScimErrorType = "invalidFilter" | "invalidSyntax" | "invalidValue" | "invalidPath" | "noTarget" | "uniqueness" | "mutability" | "tooMany";

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** A refusal answered in SCIM's error shape, with its HTTP status. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimErrorType,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ScimError";
  }

  static badRequest(message: string, scimType: ScimErrorType = "invalidValue") {
    return new ScimError(400, message, scimType);
  }

  static notFound(what: "User" | "Group" | "resource") {
    return new ScimError(404, `${what} not found`);
  }

  static conflict(message: string, scimType: ScimErrorType = "uniqueness") {
    return new ScimError(409, message, scimType);
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimErrorType) {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}
