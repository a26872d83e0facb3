import "server-only";
import { assertWithinPlan } from "../../platform/billing/limits.ts";
import type { z } from "zod";
import { recordProjectEvent, type AuditAction } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";
import { environmentById, environmentsOf, type EnvironmentRow } from "./places.ts";
import { createEnvironmentSchema, deleteEnvironmentSchema, moveEnvironmentSchema, renameEnvironmentSchema } from "./schemas.ts";

export const DEFAULT_ENVIRONMENTS = [
  { name: "Development", slug: "dev" },
  { name: "Staging", slug: "staging" },
  { name: "Production", slug: "prod" },
] as const;

/** Every new Secrets Management project starts with these, in this order. */
export async function createDefaultEnvironments(tx: Pick<Tx, "environment">, projectId: string): Promise<void> {
  await tx.environment.createMany({
    data: DEFAULT_ENVIRONMENTS.map((environment, index) => ({ ...environment, projectId, position: index + 1 })),
  });
}

export type EnvironmentSummary = EnvironmentRow & { secretCount: number };

/** The project's environments in display order, with how many secrets each holds. */
export async function listEnvironments(access: ProjectAccess): Promise<EnvironmentSummary[]> {
  requireProjectType(access, "SECRET_MANAGER");
  access.assert("environment:read");
  const rows = await db().environment.findMany({
    where: { projectId: access.project.id },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, slug: true, position: true, _count: { select: { secrets: true } } },
  });
  return rows.map(({ _count, ...environment }) => ({ ...environment, secretCount: _count.secrets }));
}

function audit(tx: Tx, access: ProjectAccess, action: AuditAction, environmentId: string, metadata: Record<string, string | number>) {
  return recordProjectEvent(tx, access, {
    action,
    target: { type: "environment", id: environmentId },
    metadata,
  });
}

function uniqueViolationAsFieldError(error: unknown): never {
  if (isUniqueViolation(error, "slug")) throw ValidationError.field("slug", "This project already has an environment with this slug.");
  if (isUniqueViolation(error)) throw ValidationError.field("name", "This project already has an environment with this name.");
  throw error;
}

export async function createEnvironment(access: ProjectAccess, input: z.input<typeof createEnvironmentSchema>): Promise<EnvironmentRow> {
  requireProjectType(access, "SECRET_MANAGER");
  access.assert("environment:create");
  const { name, slug } = createEnvironmentSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      await assertWithinPlan(tx, access.orgAccess.org.id, "environmentsPerProject", { projectId: access.project.id });
      const last = await tx.environment.aggregate({ where: { projectId: access.project.id }, _max: { position: true } });
      const environment = await tx.environment.create({
        data: { projectId: access.project.id, name, slug, position: (last._max.position ?? 0) + 1 },
        select: { id: true, name: true, slug: true, position: true },
      });
      await audit(tx, access, "environment.created", environment.id, { name, slug });
      return environment;
    });
  } catch (error) {
    uniqueViolationAsFieldError(error);
  }
}

export async function renameEnvironment(access: ProjectAccess, input: z.input<typeof renameEnvironmentSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  access.assert("environment:edit");
  const { environmentId, name } = renameEnvironmentSchema.parse(input);
  try {
    await db().$transaction(async (tx) => {
      const environment = await environmentById(tx, access, environmentId);
      if (environment.name === name) return;
      await tx.environment.update({ where: { id: environment.id }, data: { name } });
      await audit(tx, access, "environment.renamed", environment.id, { from: environment.name, to: name, slug: environment.slug });
    });
  } catch (error) {
    uniqueViolationAsFieldError(error);
  }
}

/** Swaps an environment with its neighbour; the project row is locked so two moves queue. */
export async function moveEnvironment(access: ProjectAccess, input: z.input<typeof moveEnvironmentSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  access.assert("environment:edit");
  const { environmentId, direction } = moveEnvironmentSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM projects WHERE id = ${access.project.id}::uuid FOR UPDATE`;
    const environments = await environmentsOf(tx, access.project.id);
    const index = environments.findIndex((environment) => environment.id === environmentId);
    const moving = environments[index];
    if (!moving) throw new NotFoundError();
    const neighbour = environments[direction === "up" ? index - 1 : index + 1];
    if (!neighbour) return;
    // Renumbered from the current order, so equal or gapped positions cannot stall a move.
    const order = environments.map((environment) => environment.id);
    order[index] = neighbour.id;
    order[environments.indexOf(neighbour)] = moving.id;
    for (const [position, id] of order.entries()) {
      await tx.environment.update({ where: { id }, data: { position: position + 1 } });
    }
    await audit(tx, access, "environment.reordered", moving.id, { slug: moving.slug, direction });
  });
}

/** Deletes an environment with every folder and secret in it, after the slug is typed. */
export async function deleteEnvironment(access: ProjectAccess, input: z.input<typeof deleteEnvironmentSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  access.assert("environment:delete");
  const { environmentId, confirmation } = deleteEnvironmentSchema.parse(input);
  await db().$transaction(async (tx) => {
    const environment = await environmentById(tx, access, environmentId);
    if (confirmation.trim() !== environment.slug) {
      throw ValidationError.field("confirmation", `Type ${environment.slug} to confirm.`);
    }
    const secretCount = await tx.secret.count({ where: { environmentId } });
    await tx.environment.delete({ where: { id: environmentId } });
    await audit(tx, access, "environment.deleted", environmentId, { name: environment.name, slug: environment.slug, secretCount });
  });
}
