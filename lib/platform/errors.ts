/** Errors the domain raises on purpose; actions turn them into form messages. */
export type FieldErrors = Partial<Record<string, string[]>>;

export class ValidationError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("Validation failed");
    this.name = "ValidationError";
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError({ [field]: [message] });
  }
}

/** The thing does not exist, or the actor may not know it does: both look the same. */
export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

/** A member of the org or project lacks the permission the operation needs. */
export class ForbiddenError extends Error {
  constructor(readonly permission: string) {
    super(`Missing permission ${permission}`);
    this.name = "ForbiddenError";
  }
}

/** The operation breaks a rule the person can act on; the message says what to do instead. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

/**
 * The org asks for the second factor again before this action, and this session's last one
 * is too old ("verify"), or the person has none to give ("enrol").
 */
export class StepUpRequiredError extends Error {
  constructor(readonly need: "verify" | "enrol") {
    super(
      need === "verify"
        ? "Confirm it is you: this organization asks for your second factor again before this."
        : "This organization asks for a second factor before this. Set up two-factor sign-in on your account page first.",
    );
    this.name = "StepUpRequiredError";
  }
}
