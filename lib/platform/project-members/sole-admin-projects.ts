import "server-only";
import type { Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { adminProjectsOfSql, projectAdminHoldersSql } from "./project-admins.ts";

type Project = { id: string; name: string };

/**
 * The projects (of one org, or of every org when `orgId` is null) where `userId` is the
 * only live Admin (however each holds it): what would be left without one if they went. With `lock`, the projects
 * they are an Admin of are locked first, in id order, so two Admins of one project removing
 * each other at once queue up and the second sees the first's change.
 */
export async function soleAdminProjects(tx: Pick<Tx, "$queryRaw">, userId: string, orgId: string | null, lock: boolean): Promise<Project[]> {
  if (lock) {
    await tx.$queryRaw`
    SELECT p.id FROM projects p
     WHERE p.id IN ${adminProjectsOfSql(userId)} AND (${orgId}::uuid IS NULL OR p.org_id = ${orgId}::uuid)
     ORDER BY p.id FOR UPDATE OF p`;
  }
  // Whoever else holds Admin, their own or through a group, keeps the project run.
  return tx.$queryRaw<Project[]>`
    SELECT p.id, p.name FROM projects p
     WHERE p.id IN ${adminProjectsOfSql(userId)} AND (${orgId}::uuid IS NULL OR p.org_id = ${orgId}::uuid)
       AND NOT EXISTS (SELECT 1 FROM ${projectAdminHoldersSql(Prisma.sql`p.id`)} a WHERE a.user_id <> ${userId}::uuid)
     ORDER BY p.name, p.id`;
}

/** Refuses a removal that would leave projects without an Admin, naming them. */
export async function assertNoProjectLosesItsLastAdmin(tx: Pick<Tx, "$queryRaw">, userId: string, orgId: string | null, who: "they" | "you"): Promise<void> {
  const projects = await soleAdminProjects(tx, userId, orgId, true);
  if (projects.length === 0) return;
  const names = projects.map((project) => project.name).join(", ");
  const subject = who === "you" ? "You are" : "They are";
  throw new RefusedError(
    `${subject} the only Admin of ${projects.length === 1 ? "the project" : "the projects"} ${names}. Make someone else ${projects.length === 1 ? "its" : "their"} Admin first.`,
  );
}
