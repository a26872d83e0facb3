// PKI test helpers: Debian's openssl, files for it, a PKI project and a CA hierarchy.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { createIntermediateCa } from "@/lib/products/pki/authorities/create-intermediate-ca";
import { createRootCa } from "@/lib/products/pki/authorities/create-root-ca";
import { getCa } from "@/lib/products/pki/authorities/get-ca";
import { createProfile } from "@/lib/products/pki/profiles/manage-profiles";
import { EXTENDED_KEY_USAGE_LABELS, KEY_ALGORITHMS, KEY_USAGE_LABELS, type ExtendedKeyUsage, type KeyUsage } from "@/lib/products/pki/vocabulary";
import type { KeyAlgorithm } from "@/lib/products/pki/x509";
import { createRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { addOrgMember, addProjectMember, createUser, orgWithProject, projectAccess } from "./factories";

const work = mkdtempSync(path.join(tmpdir(), "tessera-pki-"));
let files = 0;
/** Writes text to a fresh file in the test's folder and returns its path. */
export function file(contents: string | Buffer): string {
  const target = path.join(work, `f${files++}`);
  writeFileSync(target, contents);
  return target;
}

/** The `openssl` command line (Debian's); its exit status decides, its output is returned. */
export function openssl(...args: string[]): string {
  return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function opensslFails(...args: string[]): string {
  try {
    openssl(...args);
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return `${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  }
  throw new Error(`openssl ${args.join(" ")} succeeded`);
}

export async function pkiProject() {
  const context = await orgWithProject("PKI");
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const admin = await projectAccess(context.admin, context.org.slug, context.project.slug);
  return { ...context, ref, admin };
}

export type Project = Awaited<ReturnType<typeof pkiProject>>;

export const NO_CONSTRAINTS = { permittedDnsNames: "", excludedDnsNames: "", permittedIpRanges: "", excludedIpRanges: "" };

export async function hierarchy(project: Project, algorithm: KeyAlgorithm = "EC_P256", constraints: Partial<typeof NO_CONSTRAINTS> = {}) {
  const { caId: rootId } = await createRootCa(project.admin, {
    ...project.ref,
    name: `Root ${algorithm}`,
    commonName: `Tessera Test Root ${algorithm}`,
    organization: "Acme, Inc.",
    keyAlgorithm: algorithm,
    validityDays: 3650,
    maxPathLength: 1,
    ...NO_CONSTRAINTS,
    ...constraints,
  });
  const { caId: intermediateId } = await createIntermediateCa(project.admin, {
    ...project.ref,
    parentId: rootId,
    name: `Issuing ${algorithm}`,
    commonName: `Tessera Issuing ${algorithm}`,
    keyAlgorithm: algorithm,
    validityDays: 365,
    maxPathLength: 0,
    ...NO_CONSTRAINTS,
  });
  const root = await getCa(project.admin, { ...project.ref, caId: rootId });
  return { rootId, intermediateId, rootPem: root.certificatePem! };
}

const openProfiles = new Map<string, Promise<string>>();

/**
 * A profile of the CA that allows all the console can issue (any name, wildcards, addresses,
 * every key and usage, ten years): for tests about names, keys and CRLs rather than profiles.
 */
export function openProfile(project: Project, caId: string): Promise<string> {
  const made =
    openProfiles.get(caId) ??
    createProfile(project.admin, {
      ...project.ref,
      name: `Open ${caId.slice(-12)}`,
      caId,
      allowedNames: "*",
      allowWildcards: true,
      allowIpAddresses: true,
      keyAlgorithms: [...KEY_ALGORITHMS],
      keyUsages: Object.keys(KEY_USAGE_LABELS) as KeyUsage[],
      extendedKeyUsages: Object.keys(EXTENDED_KEY_USAGE_LABELS) as ExtendedKeyUsage[],
      maxValidityDays: 3650,
    }).then(({ profileId }) => profileId);
  openProfiles.set(caId, made);
  return made;
}

/** A member of the project holding a new custom role with these rules. */
export async function memberWithRole(project: Project, permissions: Parameters<typeof createRole>[1]["permissions"]) {
  const { slug } = await createRole(projectRoleScope(project.admin), {
    name: `Role ${Math.random()}`,
    slug: `role-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    permissions,
  });
  const user = await createUser();
  await addOrgMember(project.org.id, user.id, "member");
  await addProjectMember(project.project.id, user.id, [{ role: slug as ProjectRoleSlug }]);
  return projectAccess(user, project.org.slug, project.project.slug);
}
