// The PKI words the console and the server share (no crypto here: client components use it).

export const KEY_ALGORITHMS = ["EC_P256", "EC_P384", "RSA_2048", "RSA_4096", "ED25519"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export const KEY_ALGORITHM_LABELS: Record<KeyAlgorithm, string> = {
  EC_P256: "EC P-256",
  EC_P384: "EC P-384",
  RSA_2048: "RSA 2048",
  RSA_4096: "RSA 4096",
  ED25519: "Ed25519",
};

export const KEY_USAGE_LABELS = {
  digitalSignature: "Digital signature",
  keyEncipherment: "Key encipherment",
  dataEncipherment: "Data encipherment",
  keyAgreement: "Key agreement",
  nonRepudiation: "Non-repudiation",
} as const;
export type KeyUsage = keyof typeof KEY_USAGE_LABELS;

const SIGNING_USAGES: KeyUsage[] = ["digitalSignature", "nonRepudiation"];

/**
 * What a key of this kind can be used for. Only RSA keys encipher keys or data; EC keys
 * sign and agree keys and must not claim keyEncipherment (RFC 5480 section 3); Ed25519 keys
 * only sign (RFC 8410).
 */
export function keyUsagesFor(algorithm: KeyAlgorithm): KeyUsage[] {
  if (algorithm.startsWith("RSA")) return [...SIGNING_USAGES, "keyEncipherment", "dataEncipherment"];
  if (algorithm.startsWith("EC")) return [...SIGNING_USAGES, "keyAgreement"];
  return SIGNING_USAGES;
}

/** A TLS leaf's usual usages for the key: RSA key exchange needs keyEncipherment, the others sign. */
export function defaultKeyUsages(algorithm: KeyAlgorithm): KeyUsage[] {
  return algorithm.startsWith("RSA") ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"];
}

export const EXTENDED_KEY_USAGE_LABELS = {
  serverAuth: "TLS server",
  clientAuth: "TLS client",
  codeSigning: "Code signing",
  emailProtection: "Email protection",
  timeStamping: "Time stamping",
  ocspSigning: "OCSP signing",
} as const;
export type ExtendedKeyUsage = keyof typeof EXTENDED_KEY_USAGE_LABELS;

/** RFC 5280 reason codes a person may give. */
export const REVOCATION_REASON_LABELS = {
  unspecified: "Unspecified",
  keyCompromise: "Key compromise",
  cACompromise: "CA compromise",
  affiliationChanged: "Affiliation changed",
  superseded: "Superseded",
  cessationOfOperation: "Cessation of operation",
  privilegeWithdrawn: "Privilege withdrawn",
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASON_LABELS;

/** The start of a certificate's file names (`api.example.com.pem`, `…-fullchain.pem`): its common name, made safe for a file system. */
export function certificateFileBase(commonName: string): string {
  return commonName.replace(/[^A-Za-z0-9.-]+/g, "_").replace(/^\*/, "wildcard") || "certificate";
}
