import { z } from "zod";

export const SLUG_MIN_LENGTH = 2;
export const SLUG_MAX_LENGTH = 63;
const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Words that are, or may become, routes or would mislead people if used as an org's name. */
export const RESERVED_ORG_SLUGS: ReadonlySet<string> = new Set([
  "about",
  "account",
  "accounts",
  "admin",
  "administrator",
  "api",
  "app",
  "assets",
  "auth",
  "billing",
  "blog",
  "callback",
  "dashboard",
  "docs",
  "help",
  "home",
  "internal",
  "invite",
  "invites",
  "join",
  "login",
  "logout",
  "me",
  "new",
  "null",
  "onboarding",
  "org",
  "orgs",
  "organization",
  "organizations",
  "pricing",
  "privacy",
  "project",
  "projects",
  "public",
  "register",
  "root",
  "security",
  "settings",
  "signin",
  "signout",
  "signup",
  "static",
  "status",
  "support",
  "system",
  "terms",
  "tessera",
  "undefined",
  "user",
  "users",
  "www",
]);

/** Project pages live under /orgs/<org>/projects/<slug>; these would collide with routes there. */
export const RESERVED_PROJECT_SLUGS: ReadonlySet<string> = new Set(["new", "settings", "api"]);

/** URL slugs: a–z, 0–9 and single inner hyphens, 2–63 characters, not reserved. */
export function slugSchema(reserved: ReadonlySet<string>) {
  return z
    .string({ error: "Enter a URL slug" })
    .trim()
    .min(SLUG_MIN_LENGTH, `Use at least ${SLUG_MIN_LENGTH} characters`)
    .max(SLUG_MAX_LENGTH, `Use at most ${SLUG_MAX_LENGTH} characters`)
    .superRefine((slug, context) => {
      if (/[A-Z]/.test(slug)) {
        context.addIssue({ code: "custom", message: "Use lower-case letters only" });
      } else if (/[^\x00-\x7f]/.test(slug)) {
        // Look-alike letters from other scripts (Cyrillic "а", full-width "ａ") would let
        // one org impersonate another in a URL.
        context.addIssue({ code: "custom", message: "Use only the letters a–z, digits and hyphens" });
      } else if (!SLUG_PATTERN.test(slug)) {
        context.addIssue({
          code: "custom",
          message: "Use a–z, 0–9 and single hyphens between them (no hyphen at the start or end)",
        });
      } else if (reserved.has(slug)) {
        context.addIssue({ code: "custom", message: `"${slug}" is reserved. Choose another slug.` });
      }
    });
}

export const orgSlugSchema = slugSchema(RESERVED_ORG_SLUGS);

/** The org a request is about, by slug: what every org-scoped action input starts from. */
export const orgRefSchema = z.object({ orgSlug: orgSlugSchema });
export const projectSlugSchema = slugSchema(RESERVED_PROJECT_SLUGS);

/** A valid org or project slug suggested from a display name ("Acme Café, Inc." → "acme-cafe-inc"). */
export function suggestSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
  if (base.length >= SLUG_MIN_LENGTH && !RESERVED_ORG_SLUGS.has(base) && !RESERVED_PROJECT_SLUGS.has(base)) return base;
  if (base.length === 0) return "";
  return `${base}-org`.slice(0, SLUG_MAX_LENGTH);
}
