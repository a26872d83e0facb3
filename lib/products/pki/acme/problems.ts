/** The ACME error types Tessera answers with (RFC 8555 section 6.7). */
export type AcmeErrorType =
  | "accountDoesNotExist"
  | "alreadyRevoked"
  | "badCSR"
  | "badNonce"
  | "badPublicKey"
  | "badRevocationReason"
  | "badSignatureAlgorithm"
  | "connection"
  | "dns"
  | "externalAccountRequired"
  | "incorrectResponse"
  | "malformed"
  | "orderNotReady"
  | "rateLimited"
  | "rejectedIdentifier"
  | "serverInternal"
  | "unauthorized"
  | "unsupportedIdentifier";

/** A refusal as a problem document (RFC 7807): every ACME error leaves as one of these. */
export class AcmeProblem extends Error {
  constructor(
    readonly type: AcmeErrorType,
    readonly detail: string,
    readonly status = 400,
  ) {
    super(detail);
    this.name = "AcmeProblem";
  }

  toJSON() {
    return { type: `urn:ietf:params:acme:error:${this.type}`, detail: this.detail, status: this.status };
  }
}
