import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSessionClaims } from "../auth/session.ts";
import { PAGE_PATH_HEADER, projectOfPagePath } from "../http/page-path.ts";
import { recordBreakGlassLater } from "./break-glass.ts";
import { closedOrgPath, loadOrgPage, type LoadedOrgPage, type OrgAccess, type OrgPage } from "./org-access.ts";
import { projectPageOfRequest } from "./project-access.ts";

/**
 * The org named by the URL, checked on this request, with the rest of the layout's data in
 * the same statement: on a project's pages, the project's own (projectPageOfRequest), which
 * checks the same session and membership. Signed out: to /login. Not a member, or no such
 * org: 404, the same for both.
 */
export const requireOrgPage = cache(async (orgSlug: string): Promise<OrgPage> => {
  const { actor, access, closedBy, breakGlass, ...page } = (await orgPageOfRequest(orgSlug)) ?? redirect("/login");
  if (!actor) redirect("/login");
  if (closedBy) redirect(closedOrgPath(closedBy, orgSlug));
  if (!access) notFound();
  if (breakGlass) await recordBreakGlassLater(access);
  return { access, ...page };
});

/** The org named by the URL, checked on this request (shares the page's one statement). */
export const requireOrgAccess = cache(async (orgSlug: string): Promise<OrgAccess> => (await requireOrgPage(orgSlug)).access);

/** The org page's load for this request's session (null: none). */
async function orgPageOfRequest(orgSlug: string): Promise<LoadedOrgPage | null> {
  const inProject = projectOfPagePath((await headers()).get(PAGE_PATH_HEADER));
  if (inProject?.orgSlug === orgSlug) return (await projectPageOfRequest(orgSlug, inProject.projectSlug))?.org ?? null;
  const claims = await getSessionClaims();
  return claims ? loadOrgPage(claims, orgSlug) : null;
}
