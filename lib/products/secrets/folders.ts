import "server-only";
import type { z } from "zod";
import { recordProjectEvent } from "../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../platform/db.ts";
import { RefusedError, ValidationError } from "../../platform/errors.ts";
import { assertFolderExists, childPath, conditionFieldsOf, environmentBySlug, type SecretPlace } from "./places.ts";
import { createFolderSchema, folderRefSchema, MAX_PATH_LENGTH } from "./schemas.ts";

/** The folders directly inside `path` (names only, sorted). */
export async function childFolders(tx: Pick<Tx, "secretFolder">, place: SecretPlace): Promise<string[]> {
  const prefix = place.path === "/" ? "/" : `${place.path}/`;
  const below = await tx.secretFolder.findMany({
    where: { environmentId: place.environment.id, path: { startsWith: prefix } },
    select: { path: true },
    orderBy: { path: "asc" },
  });
  return below.map(({ path }) => path.slice(prefix.length)).filter((rest) => !rest.includes("/"));
}

function audit(tx: Tx, access: ProjectAccess, action: "secret-folder.created" | "secret-folder.deleted", folderId: string, place: SecretPlace) {
  return recordProjectEvent(tx, access, {
    action,
    target: { type: "secret-folder", id: folderId },
    metadata: { environment: place.environment.slug, path: place.path },
  });
}

/** A folder is where secrets will be created, so making one takes secret:create there. */
export async function createFolder(access: ProjectAccess, input: z.input<typeof createFolderSchema>): Promise<{ path: string }> {
  requireProjectType(access, "SECRET_MANAGER");
  const { environment: slug, path: parent, name } = createFolderSchema.parse(input);
  const path = childPath(parent, name);
  if (path.length > MAX_PATH_LENGTH) throw ValidationError.field("name", `Folder paths are limited to ${MAX_PATH_LENGTH} characters.`);
  try {
    return await db().$transaction(async (tx) => {
      const environment = await environmentBySlug(tx, access, slug);
      const place = { environment, path };
      access.assert("secret:create", conditionFieldsOf(place));
      await assertFolderExists(tx, { environment, path: parent });
      const folder = await tx.secretFolder.create({ data: { environmentId: environment.id, path }, select: { id: true } });
      await audit(tx, access, "secret-folder.created", folder.id, place);
      return { path };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("name", `There is already a folder named ${name} here.`);
    throw error;
  }
}

/** Only an empty folder goes: deleting secrets is done one by one, each checked. */
export async function deleteFolder(access: ProjectAccess, input: z.input<typeof folderRefSchema>): Promise<void> {
  requireProjectType(access, "SECRET_MANAGER");
  const { environment: slug, path } = folderRefSchema.parse(input);
  if (path === "/") throw new RefusedError("The root folder cannot be deleted.");
  await db().$transaction(async (tx) => {
    const environment = await environmentBySlug(tx, access, slug);
    const place = { environment, path };
    access.assert("secret:delete", conditionFieldsOf(place));
    const folder = await tx.secretFolder.findUnique({ where: { environmentId_path: { environmentId: environment.id, path } }, select: { id: true } });
    if (!folder) throw ValidationError.field("path", `There is no folder ${path} in ${environment.name}.`);
    // Locks the folder so no secret or subfolder can slip in while we check it is empty.
    await tx.$executeRaw`SELECT 1 FROM secret_folders WHERE id = ${folder.id}::uuid FOR UPDATE`;
    const [secrets, subfolders] = await Promise.all([
      tx.secret.count({ where: { environmentId: environment.id, path } }),
      tx.secretFolder.count({ where: { environmentId: environment.id, path: { startsWith: `${path}/` } } }),
    ]);
    if (secrets > 0 || subfolders > 0) throw new RefusedError(`${path} is not empty. Delete its secrets and folders first.`);
    await tx.secretFolder.delete({ where: { id: folder.id } });
    await audit(tx, access, "secret-folder.deleted", folder.id, place);
  });
}
