import path from "node:path";
import { projectRoot } from "./run.ts";

/** The git-ignored folder that keeps the embedded database and generated secrets. */
export function stateDir(): string {
  return path.resolve(projectRoot, process.env.TESSERA_DATA_DIR ?? ".tessera");
}

export function embeddedPaths(root = stateDir()) {
  return {
    dataDir: path.join(root, "postgres"),
    passwordFile: path.join(root, "postgres-password"),
    logFile: path.join(root, "postgres.log"),
    nextAuthSecretFile: path.join(root, "nextauth-secret"),
    rootKeyFile: path.join(root, "root-encryption-key"),
    serverActionsKeyFile: path.join(root, "server-actions-key"),
  };
}

/** Where the e2e server tells the Playwright tests which database it uses. */
export const E2E_DATABASE_URL_FILE = path.join(projectRoot, ".tessera", "e2e-database-url");

/** Where the e2e mail catcher writes the messages Tessera sends. */
export const E2E_MAIL_DIR = path.join(projectRoot, ".tessera", "e2e-mail");
