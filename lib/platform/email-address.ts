import { z } from "zod";

/** One spelling per address: Unicode NFKC, trimmed, lower-case. Applied before every lookup. */
export function normalizeEmail(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .transform(normalizeEmail)
  .pipe(z.email({ error: "Enter a valid email address, like you@example.com" }).max(254, "That email address is too long"));
