import { isIP } from "node:net";
import { addressListOf, isAddressIn } from "../../platform/http/client-address.ts";
import { hostInCommonName, normalizeDnsName, normalizeConstraintBase } from "./dns-names.ts";
import type { NameConstraintLists } from "./x509.ts";

/** RFC 5280 4.2.1.10: "svc.internal" covers itself and its subdomains, ".svc.internal" only subdomains. */
function dnsMatches(name: string, constraint: string): boolean {
  const host = normalizeDnsName(name) ?? name.toLowerCase();
  const base = normalizeConstraintBase(constraint) ?? constraint.toLowerCase();
  if (base.startsWith(".")) return host.endsWith(base);
  return host === base || host.endsWith(`.${base}`);
}

/**
 * A wildcard "*.x" stands for every one-label name under x: it breaks an exclusion that any
 * of those names would break ("*.svc.internal" against an excluded "db.svc.internal").
 */
function wildcardReaches(name: string, excludedBase: string): boolean {
  if (!name.startsWith("*.")) return false;
  const parent = name.slice(2);
  const base = (normalizeConstraintBase(excludedBase) ?? excludedBase).replace(/^\./, "");
  return base === parent || base.endsWith(`.${parent}`);
}

function ipMatches(address: string, range: string): boolean {
  const [base = ""] = range.split("/");
  return isIP(base) === isIP(address) && isAddressIn(address, addressListOf([range], "range"));
}

/**
 * The first name of a certificate that the constraints of any CA of its chain refuse, and why,
 * plainly; null when every name passes. Checked before signing, so a certificate OpenSSL
 * would reject (cert-manager's issue #2446) is never made. The common name counts as a DNS
 * name (or an address) when it names a host, trailing dot or not, as OpenSSL treats it.
 */
export function constraintViolation(
  names: { commonName: string; dnsNames: string[]; ipAddresses: string[] },
  chain: Array<{ name: string } & NameConstraintLists>,
): { name: string; message: string } | null {
  const cnHost = hostInCommonName(names.commonName);
  const dnsNames = [...(cnHost ? [cnHost] : []), ...names.dnsNames];
  const ipAddresses = [...(isIP(names.commonName) ? [names.commonName] : []), ...names.ipAddresses];
  for (const ca of chain) {
    for (const name of dnsNames) {
      if (ca.permittedDnsNames.length && !ca.permittedDnsNames.some((base) => dnsMatches(name, base))) {
        return { name, message: `${name} is outside the names ${ca.name} may certify (${ca.permittedDnsNames.join(", ")})` };
      }
      const excluded = ca.excludedDnsNames.find((base) => dnsMatches(name, base) || wildcardReaches(name, base));
      if (excluded) return { name, message: `${name} is excluded by ${ca.name} (${excluded})` };
    }
    for (const address of ipAddresses) {
      if (ca.permittedIpRanges.length && !ca.permittedIpRanges.some((range) => ipMatches(address, range))) {
        return { name: address, message: `${address} is outside the addresses ${ca.name} may certify (${ca.permittedIpRanges.join(", ")})` };
      }
      const excluded = ca.excludedIpRanges.find((range) => ipMatches(address, range));
      if (excluded) return { name: address, message: `${address} is excluded by ${ca.name} (${excluded})` };
    }
  }
  return null;
}
