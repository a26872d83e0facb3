import "server-only";
import type { ProjectAccess } from "../../../platform/authz/project-access.ts";
import type { Tx } from "../../../platform/db.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { ExtendedKeyUsage, KeyAlgorithm, KeyUsage } from "../vocabulary.ts";

export const PROFILE_COLUMNS = {
  id: true,
  projectId: true,
  name: true,
  description: true,
  caId: true,
  allowedNames: true,
  allowWildcards: true,
  allowIpAddresses: true,
  keyAlgorithms: true,
  keyUsages: true,
  extendedKeyUsages: true,
  maxValidityDays: true,
  updatedAt: true,
} as const;

export type ProfileRow = {
  id: string;
  projectId: string;
  name: string;
  description: string;
  caId: string;
  allowedNames: string[];
  allowWildcards: boolean;
  allowIpAddresses: boolean;
  keyAlgorithms: KeyAlgorithm[];
  keyUsages: KeyUsage[];
  extendedKeyUsages: ExtendedKeyUsage[];
  maxValidityDays: number;
  updatedAt: Date;
};

/** The columns hold only catalogue values: the schema checks them before every write. */
export const asProfileRow = (
  row: { keyAlgorithms: string[]; keyUsages: string[]; extendedKeyUsages: string[] } & Omit<ProfileRow, "keyAlgorithms" | "keyUsages" | "extendedKeyUsages">,
) => row as ProfileRow;

/** A profile of the actor's project; ids from elsewhere are not found. */
export async function profileInProject(tx: Pick<Tx, "certificateProfile">, access: ProjectAccess, profileId: string): Promise<ProfileRow> {
  const row = await tx.certificateProfile.findFirst({ where: { id: profileId, projectId: access.project.id }, select: PROFILE_COLUMNS });
  if (!row) throw new NotFoundError();
  return asProfileRow(row);
}
