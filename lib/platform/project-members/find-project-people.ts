import "server-only";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { projectPeopleSearchSchema, type ProjectPeopleSearchInput } from "./schemas.ts";

/** How many people one search of a picker shows; typing more narrows it. */
const PEOPLE_SHOWN = 8;

export type ProjectPerson = { userId: string; name: string; email: string };

/**
 * People of the project (persons, not machine identities) a rule may name — approvers,
 * break-glass — searched on the server by name or email: a project may hold thousands. What
 * the project's member list shows, so member:read decides; naming them is checked on save.
 */
export async function findProjectPeople(access: ProjectAccess, input: ProjectPeopleSearchInput): Promise<ProjectPerson[]> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const { q } = projectPeopleSearchSchema.parse(input);
  const rows = await db().projectMembership.findMany({
    where: {
      projectId: access.project.id,
      user: { kind: "PERSON", ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q.toLowerCase() } }] } : {}) },
    },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    take: PEOPLE_SHOWN,
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map(({ user }) => ({ userId: user.id, name: user.name, email: user.email }));
}
