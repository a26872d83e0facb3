import { isIP } from "node:net";
import { domainToASCII } from "node:url";

// One form for every DNS-like name a certificate carries, so that conditions, name
// constraints and the signed certificate all see the same string: no trailing dot (an
// absolute "evil.example." is the same host as "evil.example"), lower case, and
// internationalised names as their A-labels (IDNA), as RFC 5280 asks.

/** Labels of letters, digits and hyphens; a leading "*." wildcard for leaves. */
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The name in its one form, or null when it is not a DNS name (IP addresses are not). */
export function normalizeDnsName(value: string): string | null {
  let name = value.trim();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (!name || isIP(name)) return null;
  const wildcard = name.startsWith("*.");
  const ascii = domainToASCII(wildcard ? name.slice(2) : name);
  if (!ascii) return null;
  const normal = `${wildcard ? "*." : ""}${ascii}`;
  return normal.length <= 253 && DNS_NAME.test(normal) ? normal : null;
}

/** A name constraint's base ("svc.internal", or ".svc.internal" for subdomains only) in the same form. */
export function normalizeConstraintBase(value: string): string | null {
  const trimmed = value.trim();
  const subdomainsOnly = trimmed.startsWith(".");
  const base = normalizeDnsName(subdomainsOnly ? trimmed.slice(1) : trimmed);
  return base && !base.startsWith("*.") ? `${subdomainsOnly ? "." : ""}${base}` : null;
}

/**
 * A common name that names a host, normalised: what OpenSSL would take for one (a DNS name
 * with a dot, or a wildcard). Null for a person's or a service's plain name.
 */
export function hostInCommonName(commonName: string): string | null {
  const name = normalizeDnsName(commonName);
  return name && name.includes(".") ? name : null;
}

export type LeafNames = { commonName: string; dnsNames: string[]; ipAddresses: string[]; emailAddresses: string[] };

/** Why a leaf's names cannot be signed, at the field that caused it. */
export class LeafNameError extends Error {
  constructor(
    readonly field: "commonName" | "dnsNames",
    message: string,
  ) {
    super(message);
    this.name = "LeafNameError";
  }
}

/**
 * The names a leaf certificate is signed with. Every DNS name is normalised; a common name
 * that is a host (or an address) is normalised too and, for a server certificate, also put
 * among the SANs, as public CAs do, because clients check only the SANs once there are any.
 * A server certificate without a DNS or IP SAN is refused.
 */
export function leafNames(names: LeafNames, serverCertificate: boolean): LeafNames {
  const dnsNames: string[] = [];
  for (const name of names.dnsNames) {
    const normal = normalizeDnsName(name);
    if (!normal) throw new LeafNameError("dnsNames", `"${name}" is not a DNS name`);
    if (!dnsNames.includes(normal)) dnsNames.push(normal);
  }
  const ipAddresses = [...new Set(names.ipAddresses)];
  let commonName = names.commonName.trim();
  const cnAddress = isIP(commonName) ? commonName : null;
  const cnHost = cnAddress ? null : serverCertificate ? normalizeDnsName(commonName) : hostInCommonName(commonName);
  if (cnHost) commonName = cnHost;
  if (serverCertificate) {
    if (cnHost && !dnsNames.includes(cnHost)) dnsNames.unshift(cnHost);
    if (cnAddress && !ipAddresses.includes(cnAddress)) ipAddresses.unshift(cnAddress);
    if (dnsNames.length === 0 && ipAddresses.length === 0) {
      throw new LeafNameError("dnsNames", "A server certificate needs a DNS name or an IP address: enter one, or a common name that is one.");
    }
  }
  return { commonName, dnsNames, ipAddresses, emailAddresses: names.emailAddresses };
}
