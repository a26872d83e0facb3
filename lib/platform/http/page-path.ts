/**
 * The request header proxy.ts sets to the path of the page being rendered (replacing any the
 * client sent), which a layout cannot otherwise see beyond its own segments. It decides only
 * what the org layout loads in one statement with what (org-page.ts); every check still
 * compares the slugs of its own route.
 */
export const PAGE_PATH_HEADER = "x-tessera-page-path";

/** The project a page path is inside (`/orgs/{org}/projects/{project}/…`), or null. */
export function projectOfPagePath(path: string | null): { orgSlug: string; projectSlug: string } | null {
  const match = /^\/orgs\/([^/]+)\/projects\/([^/]+)(?:\/|$)/.exec(path ?? "");
  if (!match) return null;
  try {
    return { orgSlug: decodeURIComponent(match[1]!), projectSlug: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}
