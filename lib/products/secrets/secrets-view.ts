import "server-only";
import { requireProjectType, type ProjectAccess } from "../../platform/authz/project-access.ts";
import { db } from "../../platform/db.ts";
import { ForbiddenError } from "../../platform/errors.ts";
import { childFolders } from "./folders.ts";
import { canAt, environmentsOf, type EnvironmentRow, type SecretPlace } from "./places.ts";
import { secretKeySchema, secretListQuerySchema, secretPathSchema } from "./schemas.ts";

export const SECRETS_PAGE_SIZE = 50;

export type SecretRow = { id: string; key: string; comment: string; version: number; updatedAt: Date; updatedBy: string | null };

/** What the actor may do in the folder on screen; the server checks each again on submit. */
export type FolderPermissions = { describe: boolean; readValue: boolean; create: boolean; edit: boolean; delete: boolean };

export type SecretsView = {
  environments: EnvironmentRow[];
  /** Null when the project has no environment left. */
  place: SecretPlace | null;
  folderExists: boolean;
  folders: string[];
  may: FolderPermissions;
  rows: SecretRow[];
  total: number;
  page: number;
  q: string;
};

function permissionsAt(access: ProjectAccess, place: SecretPlace): FolderPermissions {
  return {
    describe: canAt(access, "secret:describe", place),
    readValue: canAt(access, "secret:read-value", place),
    create: canAt(access, "secret:create", place),
    edit: canAt(access, "secret:edit", place),
    delete: canAt(access, "secret:delete", place),
  };
}

const NOTHING: FolderPermissions = { describe: false, readValue: false, create: false, edit: false, delete: false };

/**
 * One folder of one environment as the actor may see it: keys only where they may
 * describe secrets, never a value (values are revealed one at a time, on record).
 */
export async function loadSecretsView(access: ProjectAccess, query: Record<string, unknown>): Promise<SecretsView> {
  requireProjectType(access, "SECRET_MANAGER");
  if (!access.can("secret:describe")) throw new ForbiddenError("secret:describe");
  const { env, path, q, page } = secretListQuerySchema.parse(query);
  const environments = await environmentsOf(db(), access.project.id);
  const environment = environments.find((candidate) => candidate.slug === env) ?? environments[0];
  const empty = { environments, folderExists: false, folders: [], may: NOTHING, rows: [], total: 0, page, q };
  if (!environment) return { ...empty, place: null };
  const place = { environment, path };
  const may = permissionsAt(access, place);
  const folderRow =
    path === "/" ? null : db().secretFolder.findUnique({ where: { environmentId_path: { environmentId: environment.id, path } }, select: { id: true } });
  const where = { environmentId: environment.id, path, ...(q ? { key: { contains: q, mode: "insensitive" as const } } : {}) };
  const [folder, folders, rows, total] = await Promise.all([
    folderRow,
    childFolders(db(), place),
    may.describe
      ? db().secret.findMany({
          where,
          orderBy: { key: "asc" },
          skip: (page - 1) * SECRETS_PAGE_SIZE,
          take: SECRETS_PAGE_SIZE,
          select: { id: true, key: true, comment: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
        })
      : [],
    may.describe ? db().secret.count({ where }) : 0,
  ]);
  return {
    ...empty,
    place,
    folderExists: path === "/" || folder !== null,
    folders,
    may,
    rows: rows.map(({ updatedBy, ...row }) => ({ ...row, updatedBy: updatedBy?.name ?? null })),
    total,
  };
}

export type ComparedSecret = {
  environment: EnvironmentRow;
  /** hidden: the actor may not describe secrets there; missing: no such key there. */
  state: "hidden" | "missing" | "present";
  secret: { id: string; comment: string; updatedAt: Date } | null;
  mayReadValue: boolean;
};

/** One key at one path in every environment, in display order. */
export async function compareSecret(
  access: ProjectAccess,
  input: { key?: string; path?: string },
): Promise<{ key: string; path: string; rows: ComparedSecret[] } | null> {
  requireProjectType(access, "SECRET_MANAGER");
  if (!access.can("secret:describe")) throw new ForbiddenError("secret:describe");
  const key = secretKeySchema.safeParse(input.key ?? "");
  const path = secretPathSchema.safeParse(input.path ?? "/");
  if (!key.success || !path.success) return null;
  const environments = await environmentsOf(db(), access.project.id);
  const visible = environments.filter((environment) => canAt(access, "secret:describe", { environment, path: path.data }));
  const secrets = await db().secret.findMany({
    where: { environmentId: { in: visible.map((environment) => environment.id) }, path: path.data, key: key.data },
    select: { id: true, environmentId: true, comment: true, updatedAt: true },
  });
  const rows = environments.map((environment): ComparedSecret => {
    const place = { environment, path: path.data };
    if (!visible.includes(environment)) return { environment, state: "hidden", secret: null, mayReadValue: false };
    const found = secrets.find((secret) => secret.environmentId === environment.id);
    return {
      environment,
      state: found ? "present" : "missing",
      secret: found ? { id: found.id, comment: found.comment, updatedAt: found.updatedAt } : null,
      mayReadValue: canAt(access, "secret:read-value", place),
    };
  });
  return { key: key.data, path: path.data, rows };
}
