import "server-only";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db } from "../../../platform/db.ts";
import { ForbiddenError, NotFoundError } from "../../../platform/errors.ts";
import { asProfileRow, PROFILE_COLUMNS, type ProfileRow } from "./queries.ts";

export type ProfileSummary = ProfileRow & {
  caName: string;
  caKind: "ROOT" | "INTERMEDIATE";
  caStatus: "PENDING" | "ACTIVE" | "DISABLED";
  certificateCount: number;
};

/** The project's profiles the actor may see, by name (a project has tens, not thousands). */
export async function listProfiles(access: ProjectAccess): Promise<ProfileSummary[]> {
  requireProjectType(access, "PKI");
  if (!access.can("certificate-profile:read")) throw new ForbiddenError("certificate-profile:read");
  const rows = await db().certificateProfile.findMany({
    where: { projectId: access.project.id },
    orderBy: { name: "asc" },
    take: 500,
    select: { ...PROFILE_COLUMNS, ca: { select: { name: true, kind: true, status: true } }, _count: { select: { certificates: true } } },
  });
  return rows
    .filter((row) => access.can("certificate-profile:read", { profileName: row.name }))
    .map(({ ca, _count, ...row }) => ({ ...asProfileRow(row), caName: ca.name, caKind: ca.kind, caStatus: ca.status, certificateCount: _count.certificates }));
}

/** One profile of the project, with its CA's name, for those who may see it. */
export async function getProfile(access: ProjectAccess, profileId: string): Promise<ProfileSummary> {
  requireProjectType(access, "PKI");
  const row = await db().certificateProfile.findFirst({
    where: { id: profileId, projectId: access.project.id },
    select: { ...PROFILE_COLUMNS, ca: { select: { name: true, kind: true, status: true } }, _count: { select: { certificates: true } } },
  });
  if (!row) throw new NotFoundError();
  access.assert("certificate-profile:read", { profileName: row.name });
  const { ca, _count, ...profile } = row;
  return { ...asProfileRow(profile), caName: ca.name, caKind: ca.kind, caStatus: ca.status, certificateCount: _count.certificates };
}

/**
 * The profiles the Issue dialog offers, asked for when it opens: those of active CAs the
 * actor may see (none to one who may issue but not read profiles).
 */
export async function issuingProfiles(access: ProjectAccess): Promise<ProfileSummary[]> {
  requireProjectType(access, "PKI");
  if (!access.can("certificate-profile:read")) return [];
  return (await listProfiles(access)).filter((profile) => profile.caStatus === "ACTIVE");
}
