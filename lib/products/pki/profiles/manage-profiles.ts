import "server-only";
import { changedFields } from "../../../platform/approvals/policy-changes.ts";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { requireProjectType, type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { db, isUniqueViolation, type Tx } from "../../../platform/db.ts";
import { RefusedError, ValidationError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { caInProject } from "../authorities/queries.ts";
import {
  createProfileSchema,
  editProfileSchema,
  profileRefSchema,
  type CreateProfileInput,
  type EditProfileInput,
  type ProfileFields,
  type ProfileRefInput,
} from "./schemas.ts";
import { profileInProject } from "./queries.ts";

const EDITABLE: ReadonlyArray<keyof ProfileFields> = [
  "name",
  "description",
  "caId",
  "allowedNames",
  "allowWildcards",
  "allowIpAddresses",
  "keyAlgorithms",
  "keyUsages",
  "extendedKeyUsages",
  "maxValidityDays",
];

/** The CA must be one of this project's that the writer may see. */
async function issuingCa(tx: Tx, access: ProjectAccess, caId: string) {
  const ca = await caInProject(tx, access, caId).catch(() => null);
  if (!ca || !access.can("certificate-authority:read", { caName: ca.name }))
    throw ValidationError.field("caId", "Choose a certificate authority of this project.");
  return ca;
}

const nameTaken = (name: string) => ValidationError.field("name", `A profile named ${name} already exists in this project.`);

export async function createProfile(access: ProjectAccess, input: CreateProfileInput): Promise<{ profileId: string }> {
  requireProjectType(access, "PKI");
  const { orgSlug: _org, projectSlug: _project, ...fields } = createProfileSchema.parse(input);
  access.assert("certificate-profile:create", { profileName: fields.name });
  const profileId = uuid7();
  try {
    await db().$transaction(async (tx) => {
      const ca = await issuingCa(tx, access, fields.caId);
      await tx.certificateProfile.create({ data: { id: profileId, projectId: access.project.id, ...fields, createdById: access.orgAccess.actor.userId } });
      await recordProjectEvent(tx, access, {
        action: "pki.profile-created",
        target: { type: "certificate-profile", id: profileId, label: fields.name },
        metadata: { name: fields.name, ca: ca.name, allowedNames: fields.allowedNames, maxValidityDays: fields.maxValidityDays },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(fields.name);
    throw error;
  }
  return { profileId };
}

/** Takes effect on the next issuance and renewal through it, ACME's included. */
export async function editProfile(access: ProjectAccess, input: EditProfileInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { orgSlug: _org, projectSlug: _project, profileId, ...fields } = editProfileSchema.parse(input);
  try {
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM certificate_profiles WHERE id = ${profileId}::uuid FOR UPDATE`;
      const before = await profileInProject(tx, access, profileId);
      access.assert("certificate-profile:edit", { profileName: before.name });
      // Renaming is allowed only to a name the writer could have created.
      if (fields.name !== before.name) access.assert("certificate-profile:edit", { profileName: fields.name });
      const ca = await issuingCa(tx, access, fields.caId);
      const changed = changedFields<ProfileFields>(before, fields, EDITABLE);
      if (changed.length === 0) return;
      await tx.certificateProfile.update({ where: { id: profileId }, data: fields });
      await recordProjectEvent(tx, access, {
        action: "pki.profile-edited",
        target: { type: "certificate-profile", id: profileId, label: fields.name },
        metadata: { name: fields.name, changed: changed.map(String), ca: ca.name, allowedNames: fields.allowedNames },
        summary: fields.name !== before.name ? `${before.name} → ${fields.name}` : `Changed ${changed.join(", ")}`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(fields.name);
    throw error;
  }
}

/** Only a profile nothing was issued through: its certificates keep naming it. */
export async function deleteProfile(access: ProjectAccess, input: ProfileRefInput): Promise<void> {
  requireProjectType(access, "PKI");
  const { profileId } = profileRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM certificate_profiles WHERE id = ${profileId}::uuid FOR UPDATE`;
    const profile = await profileInProject(tx, access, profileId);
    access.assert("certificate-profile:delete", { profileName: profile.name });
    const issued = await tx.certificate.count({ where: { profileId } });
    if (issued) {
      throw new RefusedError(`${issued} certificates were issued through ${profile.name} and keep naming it: narrow it instead (fewer names, a shorter life).`);
    }
    await recordProjectEvent(tx, access, {
      action: "pki.profile-deleted",
      target: { type: "certificate-profile", id: profileId, label: profile.name },
      metadata: { name: profile.name },
    });
    await tx.certificateProfile.delete({ where: { id: profileId } });
  });
}
