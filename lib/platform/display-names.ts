import { z } from "zod";

// Names people type are shown in pages, audit events and mails. A line break in one lets its
// author write a line of their own into an official mail, and bidi overrides make it read
// differently from what it is; neither belongs in a name.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

export const UNPRINTABLE_NAME_MESSAGE = "Use one line of text: no line breaks, tabs or control characters";

export function hasUnprintable(value: string): boolean {
  return UNPRINTABLE.test(value);
}

/** A name as one line: runs of control characters become a space (older rows may hold some). */
export function oneLine(value: string): string {
  return value.replace(UNPRINTABLE_RUNS, " ").replace(/ {2,}/g, " ").trim();
}

/** A display name: one line, trimmed, 1 to `max` characters. */
export function displayNameSchema(max: number, missing = "Enter a name") {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Use at most ${max} characters`)
    .refine((value) => !hasUnprintable(value), UNPRINTABLE_NAME_MESSAGE);
}
