// A software WebAuthn authenticator for integration tests: an ES256 key pair that answers
// registration and sign-in challenges exactly as a browser would hand them to the server
// (attestation "none"), so the server's real verification runs on real signatures.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const be32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

export function softAuthenticator(origin: string) {
  const rpIdHash = createHash("sha256").update(new URL(origin).hostname).digest();
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credentialId = randomBytes(16);
  const cosePublicKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]),
  );
  let counter = 0;
  const clientData = (type: string, challenge: string, from = origin) => Buffer.from(JSON.stringify({ type, challenge, origin: from, crossOrigin: false }));

  return {
    id: b64url(credentialId),
    /** The browser's answer to registration options (as startRegistration returns it). */
    register(options: { challenge: string }) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      // Flags: user present, user verified, attested credential data included.
      const authData = Buffer.concat([rpIdHash, Buffer.from([0x45]), be32(counter), Buffer.alloc(16), idLength, credentialId, Buffer.from(cosePublicKey)]);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", new Uint8Array(authData)],
        ]),
      );
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: "public-key",
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", options.challenge)),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
      };
    },
    /** The browser's answer to sign-in options; `from` forges the page's origin, `counter` a cloned key's. */
    authenticate(options: { challenge: string }, forged: { from?: string; counter?: number } = {}) {
      counter = forged.counter ?? counter + 1;
      const authenticatorData = Buffer.concat([rpIdHash, Buffer.from([0x05]), be32(counter)]);
      const clientDataJSON = clientData("webauthn.get", options.challenge, forged.from);
      const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]), privateKey);
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: "public-key",
        response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
        clientExtensionResults: {},
      };
    },
  };
}
