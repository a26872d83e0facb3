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
  };
}
