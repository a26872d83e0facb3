"use server";

import { exportDotenv, importDotenv } from "./dotenv-transfer.ts";
import { createEnvironment, deleteEnvironment, moveEnvironment, renameEnvironment } from "./environments.ts";
import { createFolder, deleteFolder } from "./folders.ts";
import {
  createEnvironmentSchema,
  createFolderSchema,
  createSecretSchema,
  deleteEnvironmentSchema,
  folderRefSchema,
  importDotenvSchema,
  moveEnvironmentSchema,
  renameEnvironmentSchema,
  secretRefSchema,
  updateSecretSchema,
} from "./schemas.ts";
import { createSecret, deleteSecret, revealSecretValue, updateSecret } from "./secrets.ts";
import { defineProjectAction } from "../../platform/actions/define-action.ts";

// The permission named here is the gate at the door (held somewhere in the project); the
// domain functions decide again for the environment and folder the input names.

export const createEnvironmentAction = defineProjectAction({ permission: "environment:create", schema: createEnvironmentSchema, handler: createEnvironment });
export const renameEnvironmentAction = defineProjectAction({ permission: "environment:edit", schema: renameEnvironmentSchema, handler: renameEnvironment });
export const moveEnvironmentAction = defineProjectAction({ permission: "environment:edit", schema: moveEnvironmentSchema, handler: moveEnvironment });
export const deleteEnvironmentAction = defineProjectAction({ permission: "environment:delete", schema: deleteEnvironmentSchema, handler: deleteEnvironment });

export const createFolderAction = defineProjectAction({ permission: "secret:create", schema: createFolderSchema, handler: createFolder });
export const deleteFolderAction = defineProjectAction({ permission: "secret:delete", schema: folderRefSchema, handler: deleteFolder });

export const createSecretAction = defineProjectAction({ permission: "secret:create", schema: createSecretSchema, handler: createSecret });
export const updateSecretAction = defineProjectAction({ permission: "secret:edit", schema: updateSecretSchema, handler: updateSecret });
export const deleteSecretAction = defineProjectAction({ permission: "secret:delete", schema: secretRefSchema, handler: deleteSecret });
export const revealSecretValueAction = defineProjectAction({
  permission: "secret:read-value",
  stepUp: true,
  schema: secretRefSchema,
  handler: revealSecretValue,
});

export const importDotenvAction = defineProjectAction({ permission: "secret:create", schema: importDotenvSchema, handler: importDotenv });
export const exportDotenvAction = defineProjectAction({ permission: "secret:read-value", stepUp: true, schema: folderRefSchema, handler: exportDotenv });
