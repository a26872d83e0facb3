/** What an ACME client is told to register with one EAB key. */
type EabCredentials = { keyId: string; hmacKey: string };

/**
 * certbot's External Account Binding options. An HMAC key is base64url, so one in 64 begins
 * with "-": written as a separate argument, certbot reads it as an option and refuses the line.
 */
export function certbotEabArgs({ keyId, hmacKey }: EabCredentials): string[] {
  return [`--eab-kid=${keyId}`, `--eab-hmac-key=${hmacKey}`];
}

/** The line the console shows beside a new key, for a host that answers http-01 itself. */
export function certbotCommand(key: EabCredentials & { directoryUrl: string }): string {
  return ["certbot", "certonly", "--standalone", `--server=${key.directoryUrl}`, ...certbotEabArgs(key), "-d", "<your.domain>"].join(" ");
}
