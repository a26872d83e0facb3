import { oneLine } from "../display-names.ts";

/**
 * Something a person typed (a name, a reason), as a mail shows it: on one line and in quotes,
 * so it reads as quoted and cannot pass for a line of the mail's own.
 */
export function quoted(value: string): string {
  return `"${oneLine(value)}"`;
}
