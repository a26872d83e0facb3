"use server";

import { createIntermediateCa } from "./authorities/create-intermediate-ca.ts";
import { createRootCa } from "./authorities/create-root-ca.ts";
import { deleteCa } from "./authorities/delete-ca.ts";
import { importCaCertificate } from "./authorities/import-ca-certificate.ts";
import { setCaEnabled } from "./authorities/set-ca-enabled.ts";
import { certificateFile } from "./certificates/certificate-file.ts";
import { issueCertificate } from "./certificates/issue-certificate.ts";
import { renewCertificate } from "./certificates/renew-certificate.ts";
import { revokeCertificate } from "./certificates/revoke-certificate.ts";
import {
  caRefSchema,
  certificateFileSchema,
  createIntermediateCaSchema,
  createRootCaSchema,
  importCaCertificateSchema,
  issueCertificateSchema,
  renewCertificateSchema,
  revokeCertificateSchema,
  setCaEnabledSchema,
} from "./schemas.ts";
import { defineProjectAction } from "../../platform/actions/define-action.ts";
import { createEabKey, revokeEabKey } from "./acme/eab-keys.ts";
import { createEabKeySchema, eabKeyRefSchema } from "./acme/schemas.ts";
import { expiryAlertGroupChoices, saveExpiryAlert } from "./expiry/alerts.ts";
import { saveExpiryAlertSchema } from "./expiry/schemas.ts";
import { createProfile, deleteProfile, editProfile } from "./profiles/manage-profiles.ts";
import { createProfileSchema, editProfileSchema, profileRefSchema } from "./profiles/schemas.ts";
import { issuingProfiles } from "./profiles/list-profiles.ts";
import { projectRefSchema } from "../../platform/projects/schemas.ts";

// The permission named here is the gate at the door (held somewhere in the project); the
// domain functions decide again for the CA and the names the input concerns.

export const createRootCaAction = defineProjectAction({ permission: "certificate-authority:create", schema: createRootCaSchema, handler: createRootCa });
export const createIntermediateCaAction = defineProjectAction({
  permission: "certificate-authority:create",
  schema: createIntermediateCaSchema,
  handler: createIntermediateCa,
});
export const importCaCertificateAction = defineProjectAction({
  permission: "certificate-authority:edit",
  schema: importCaCertificateSchema,
  handler: importCaCertificate,
});
export const setCaEnabledAction = defineProjectAction({ permission: "certificate-authority:edit", schema: setCaEnabledSchema, handler: setCaEnabled });
export const deleteCaAction = defineProjectAction({ permission: "certificate-authority:delete", stepUp: true, schema: caRefSchema, handler: deleteCa });

export const issueCertificateAction = defineProjectAction({ permission: "certificate:issue", schema: issueCertificateSchema, handler: issueCertificate });
export const renewCertificateAction = defineProjectAction({ permission: "certificate:renew", schema: renewCertificateSchema, handler: renewCertificate });
export const revokeCertificateAction = defineProjectAction({ permission: "certificate:revoke", schema: revokeCertificateSchema, handler: revokeCertificate });
export const certificateFileAction = defineProjectAction({ permission: "certificate:read", schema: certificateFileSchema, handler: certificateFile });

export const createProfileAction = defineProjectAction({ permission: "certificate-profile:create", schema: createProfileSchema, handler: createProfile });
export const editProfileAction = defineProjectAction({ permission: "certificate-profile:edit", schema: editProfileSchema, handler: editProfile });
export const deleteProfileAction = defineProjectAction({ permission: "certificate-profile:delete", schema: profileRefSchema, handler: deleteProfile });
export const createEabKeyAction = defineProjectAction({ permission: "certificate-profile:manage-acme", schema: createEabKeySchema, handler: createEabKey });
export const revokeEabKeyAction = defineProjectAction({ permission: "certificate-profile:manage-acme", schema: eabKeyRefSchema, handler: revokeEabKey });
/** The Issue dialog's profiles, loaded when it opens (read-only). */
export const issuingProfilesAction = defineProjectAction({
  permission: "certificate:issue",
  schema: projectRefSchema,
  handler: async (access) =>
    (await issuingProfiles(access)).map(({ id, name, caId, caName, caKind, allowedNames, keyAlgorithms, keyUsages, extendedKeyUsages, maxValidityDays }) => ({
      id,
      name,
      caId,
      caName,
      caKind,
      allowedNames,
      keyAlgorithms,
      keyUsages,
      extendedKeyUsages,
      maxValidityDays,
    })),
});
/** The groups the expiry alert dialog offers, loaded when it opens (read-only). */
export const expiryAlertGroupsAction = defineProjectAction({ permission: "expiry-alert:edit", schema: projectRefSchema, handler: expiryAlertGroupChoices });
export const saveExpiryAlertAction = defineProjectAction({ permission: "expiry-alert:edit", schema: saveExpiryAlertSchema, handler: saveExpiryAlert });
