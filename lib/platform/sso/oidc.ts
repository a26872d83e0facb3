import "server-only";
import * as client from "openid-client";
import { openWithRootKey } from "../kms/data-keys.ts";
import { publicUrl } from "../mail/send-mail.ts";

/** Where every org's identity provider sends people back: one URL to register with it. */
export function ssoCallbackUrl(): string {
  return publicUrl("/api/sso/callback");
}

export const clientSecretContext = (orgId: string) => `sso-client-secret:${orgId}`;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Identity providers are reached over https; plain http only on this machine's loopback (a
 * Keycloak next to a development install, the tests' provider), where nothing travels.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer's URL, e.g. https://login.example.com/realms/acme";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return "The issuer must be an https:// URL";
}

type Connection = { orgId: string; issuer: string; clientId: string; clientSecretSealed: Uint8Array; updatedAt: Date };

const TTL_MS = 10 * 60_000;
const configurations = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/**
 * The provider's metadata (discovery) with this org's client, kept for ten minutes per
 * configuration version: a sign-in's start and callback fetch it once between them.
 */
export function oidcConfiguration(connection: Connection): Promise<client.Configuration> {
  const key = `${connection.orgId}@${connection.updatedAt.toISOString()}`;
  const cached = configurations.get(key);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.config;
  const secret = openWithRootKey(connection.clientSecretSealed, clientSecretContext(connection.orgId)).toString();
  const config = discover(connection.issuer, connection.clientId, secret);
  if (configurations.size > 500) configurations.clear();
  configurations.set(key, { at: Date.now(), config });
  // A failed discovery is not kept: the next attempt asks again.
  config.catch(() => configurations.delete(key));
  return config;
}

/** Discovery for an issuer (a configuration being saved is checked with it first). */
export function discover(issuer: string, clientId: string, clientSecret: string): Promise<client.Configuration> {
  const url = new URL(issuer);
  return client.discovery(url, clientId, { client_secret: clientSecret }, client.ClientSecretBasic(clientSecret), {
    // The ID token's signature is checked against the provider's published keys too, not
    // only trusted because it came over the token endpoint's TLS (OIDC Core 3.1.3.7 allows that).
    execute: [client.enableNonRepudiationChecks, ...(url.protocol === "http:" ? [client.allowInsecureRequests] : [])],
    timeout: 10,
  });
}
