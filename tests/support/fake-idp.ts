// A minimal OpenID provider on a loopback port for integration tests: discovery, keys and a
// token endpoint that checks the client's secret and PKCE and answers the ID token the test
// asks for, so every check Tessera relies on (signature, issuer, audience, expiry, nonce)
// can be made to fail on purpose. The browser's part (the login page) is the e2e's, with
// the certified oidc-provider.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export type IdTokenShape = {
  claims: JWTPayload & { email?: string; email_verified?: boolean | string; name?: string };
  /** Overrides for the standard claims, to forge a bad token. */
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  nonce?: string | null;
  /** Signs with a key the provider does not publish. */
  foreignKey?: boolean;
};

export async function startFakeIdp(clientId: string, clientSecret: string) {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  /** code → what it was issued for. */
  const codes = new Map<string, { challenge: string; nonce: string; token: IdTokenShape }>();
  let issuer = "";

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && request.method === "POST") {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const basic = Buffer.from((request.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
          // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
          const [id, secret] = basic.split(":").map((part) => decodeURIComponent(part.replaceAll("+", " ")));
          if (id !== clientId || secret !== clientSecret) return json(401, { error: "invalid_client" });
          const issued = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          if (!issued || createHash("sha256").update(verifier).digest("base64url") !== issued.challenge) return json(400, { error: "invalid_grant" });
          const shape = issued.token;
          const nonce = shape.nonce === undefined ? issued.nonce : shape.nonce;
          const now = Math.floor(Date.now() / 1000);
          const idToken = await new SignJWT({ ...shape.claims, ...(nonce === null ? {} : { nonce }) })
            .setProtectedHeader({ alg: "RS256", kid: "test-key" })
            .setIssuer(shape.issuer ?? issuer)
            .setAudience(shape.audience ?? clientId)
            .setIssuedAt(now - 5)
            .setExpirationTime(now + (shape.expiresInSeconds ?? 300))
            .sign(shape.foreignKey ? foreign.privateKey : privateKey);
          json(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: idToken });
        })();
      });
      return;
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  return {
    issuer,
    /**
     * What the provider would send back to the callback after a sign-in started at
     * `authorizationUrl`, for a person whose ID token looks like `token`.
     */
    answer(authorizationUrl: URL, token: IdTokenShape): URLSearchParams {
      const code = `code-${codes.size}-${Math.random().toString(36).slice(2)}`;
      codes.set(code, { challenge: authorizationUrl.searchParams.get("code_challenge") ?? "", nonce: authorizationUrl.searchParams.get("nonce") ?? "", token });
      return new URLSearchParams({ code, state: authorizationUrl.searchParams.get("state") ?? "" });
    },
    /** A back-channel logout token for `claims` (sub and/or sid); `forge` bends one rule of it. */
    async logoutToken(
      claims: { sub?: string; sid?: string },
      forge: { audience?: string; foreignKey?: boolean; nonce?: string; noEvent?: boolean; issuedSecondsAgo?: number } = {},
    ): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        ...claims,
        ...(forge.noEvent ? {} : { events: { "http://schemas.openid.net/event/backchannel-logout": {} } }),
        ...(forge.nonce ? { nonce: forge.nonce } : {}),
      })
        .setProtectedHeader({ alg: "RS256", kid: "test-key", typ: "logout+jwt" })
        .setIssuer(issuer)
        .setAudience(forge.audience ?? clientId)
        .setIssuedAt(now - (forge.issuedSecondsAgo ?? 0))
        .setJti(randomUUID())
        .sign(forge.foreignKey ? foreign.privateKey : privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let shared: ReturnType<typeof startFakeIdp> | undefined;

/** One provider for a whole test file that only needs discovery to answer (the authorization matrix). */
export function sharedFakeIdp(): ReturnType<typeof startFakeIdp> {
  shared ??= startFakeIdp("tessera-test", "s3cret");
  return shared;
}
