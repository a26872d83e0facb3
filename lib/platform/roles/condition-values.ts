import "server-only";
import type { ProductType } from "../authz/catalogue.ts";
import type { KnownConditionValues } from "../authz/condition-matches.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, type Tx } from "../db.ts";

/**
 * The values a project's role conditions are compared against, as they exist now: its
 * environments (by slug) and folder paths, CA names, PAM resource and account names.
 * Certificate names are open-ended (what will be issued), so they are not listed.
 */
export async function conditionValuesOf(
  client: Pick<Tx, "environment" | "secretFolder" | "certificateAuthority" | "certificateProfile" | "pamResource" | "pamAccount">,
  project: { id: string; type: ProductType },
): Promise<KnownConditionValues> {
  const named = (rows: Array<{ name: string }>) => rows.map((row) => ({ value: row.name, label: row.name }));
  switch (project.type) {
    case "SECRET_MANAGER": {
      const [environments, folders] = await Promise.all([
        client.environment.findMany({ where: { projectId: project.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { slug: true, name: true } }),
        client.secretFolder.findMany({
          where: { environment: { projectId: project.id } },
          distinct: ["path"],
          orderBy: { path: "asc" },
          take: 1000,
          select: { path: true },
        }),
      ]);
      return {
        environment: environments.map((environment) => ({ value: environment.slug, label: environment.name })),
        secretPath: [{ value: "/", label: "/" }, ...folders.map((folder) => ({ value: folder.path, label: folder.path }))],
      };
    }
    case "PKI": {
      const [cas, profiles] = await Promise.all([
        client.certificateAuthority.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" }, select: { name: true } }),
        client.certificateProfile.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" }, select: { name: true } }),
      ]);
      return { caName: named(cas), profileName: named(profiles) };
    }
    case "PAM": {
      const [resources, accounts] = await Promise.all([
        client.pamResource.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" }, select: { name: true } }),
        client.pamAccount.findMany({ where: { projectId: project.id }, distinct: ["name"], orderBy: { name: "asc" }, select: { name: true } }),
      ]);
      return { resourceName: named(resources), accountName: named(accounts) };
    }
  }
}

/** The values the role editor offers and checks conditions against, for those who may read roles. */
export async function roleConditionValues(access: ProjectAccess): Promise<KnownConditionValues> {
  if (!access.can("role:read")) return {};
  return conditionValuesOf(db(), access.project);
}
