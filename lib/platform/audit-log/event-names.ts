import "server-only";
import { db } from "../db.ts";
import type { AuditEventRow, AuditLogScope } from "./list-audit-events.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Metadata keys that hold people: approverIds, breakGlassIds, userId, … (and their from/to when changed). */
const PEOPLE_KEY = /(^userIds?$|^approverIds$|^breakGlassIds$|^requesterId$|^memberIds?$)/;

export type NamedPeople = Array<{ field: string; names: string[] }>;

/** Every id under a people key of the metadata, by key, in order of appearance. */
function peopleIdsIn(metadata: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (value: unknown, key: string | null) => {
    if (typeof value === "string" && key && UUID.test(value)) found.set(key, [...(found.get(key) ?? []), value]);
    else if (Array.isArray(value)) for (const item of value) visit(item, key);
    else if (value && typeof value === "object") {
      for (const [child, inner] of Object.entries(value)) visit(inner, PEOPLE_KEY.test(child) ? child : key);
    }
  };
  visit(metadata, null);
  return found;
}

/**
 * What an event's ids are in words: its project's name, and the people its details name
 * (approvers, break-glass, members). Only the scope's org answers: a project elsewhere or a
 * person who is no longer a member of the org is not named.
 */
export async function namesInEvent(
  scope: AuditLogScope,
  event: Pick<AuditEventRow, "projectId" | "metadata">,
): Promise<{ projectName: string | null; people: NamedPeople }> {
  const byField = peopleIdsIn(event.metadata);
  const ids = [...new Set([...byField.values()].flat())];
  const [project, members] = await Promise.all([
    event.projectId ? db().project.findFirst({ where: { id: event.projectId, orgId: scope.orgId }, select: { name: true } }) : null,
    ids.length
      ? db().orgMembership.findMany({
          where: { orgId: scope.orgId, userId: { in: ids } },
          select: { user: { select: { id: true, name: true, email: true, kind: true } } },
        })
      : [],
  ]);
  const label = new Map(members.map(({ user }) => [user.id, user.kind === "IDENTITY" ? `identity ${user.name}` : `${user.name} (${user.email})`]));
  const people = [...byField].map(([field, fieldIds]) => ({
    field,
    names: [...new Set(fieldIds)].map((id) => label.get(id) ?? "someone no longer in the organization"),
  }));
  return { projectName: project?.name ?? null, people };
}
