import "server-only";
import { notFound } from "next/navigation";
import { requireProjectAccess, type ProjectAccess } from "../authz/project-access.ts";
import { visibleSections, type ProjectSection } from "./navigation.ts";

/** A section the project's type has and the actor may open, checked on this request; else 404. */
export async function requireProjectSection(
  orgSlug: string,
  projectSlug: string,
  segment: string,
): Promise<{ access: ProjectAccess; section: ProjectSection }> {
  const access = await requireProjectAccess(orgSlug, projectSlug);
  const section = visibleSections(access.project.type, access.can).find((candidate) => candidate.segment === segment);
  if (!section) notFound();
  return { access, section };
}
