import { isIP } from "node:net";
import { compileGlob } from "../../../platform/authz/glob.ts";
import {
  EXTENDED_KEY_USAGE_LABELS,
  KEY_ALGORITHM_LABELS,
  KEY_USAGE_LABELS,
  defaultKeyUsages,
  keyUsagesFor,
  type ExtendedKeyUsage,
  type KeyAlgorithm,
  type KeyUsage,
} from "../vocabulary.ts";
import type { LeafNames } from "../dns-names.ts";
import type { ProfileRow } from "./queries.ts";

/** The field of the issue form a refusal belongs to; ACME turns it into a problem type. */
export type ProfileField = "commonName" | "dnsNames" | "ipAddresses" | "emailAddresses" | "keyAlgorithm" | "keyUsages" | "extendedKeyUsages" | "ttlDays";
export type ProfileRefusal = { field: ProfileField; message: string };

export type ProfileRequest = {
  /** As they will be signed (normalised). */
  names: LeafNames;
  keyAlgorithm: KeyAlgorithm;
  keyUsages: KeyUsage[];
  extendedKeyUsages: ExtendedKeyUsage[];
  validityDays: number;
};

type Profile = Pick<
  ProfileRow,
  "name" | "allowedNames" | "allowWildcards" | "allowIpAddresses" | "keyAlgorithms" | "keyUsages" | "extendedKeyUsages" | "maxValidityDays"
>;

/**
 * What is asked for when the request leaves it open: the key's usual usages that the profile
 * allows (else every allowed one the key can serve), and TLS server if allowed, else all it allows.
 */
export function profileDefaults(profile: Profile, keyAlgorithm: KeyAlgorithm): { keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] } {
  const usual = defaultKeyUsages(keyAlgorithm).filter((usage) => profile.keyUsages.includes(usage));
  const possible = profile.keyUsages.filter((usage) => keyUsagesFor(keyAlgorithm).includes(usage));
  return {
    keyUsages: usual.length ? usual : possible,
    extendedKeyUsages: profile.extendedKeyUsages.includes("serverAuth") ? ["serverAuth"] : profile.extendedKeyUsages,
  };
}

/** The first thing the profile does not allow, or null. Names are matched by glob, in linear time. */
export function profileRefusal(profile: Profile, request: ProfileRequest): ProfileRefusal | null {
  if (!profile.keyAlgorithms.includes(request.keyAlgorithm)) {
    const allowed = profile.keyAlgorithms.map((algorithm) => KEY_ALGORITHM_LABELS[algorithm]).join(", ");
    return { field: "keyAlgorithm", message: `Profile ${profile.name} issues for ${allowed} keys, not ${KEY_ALGORITHM_LABELS[request.keyAlgorithm]}.` };
  }
  const usage = request.keyUsages.find((one) => !profile.keyUsages.includes(one));
  if (usage) return { field: "keyUsages", message: `Profile ${profile.name} does not allow ${KEY_USAGE_LABELS[usage].toLowerCase()}.` };
  const extended = request.extendedKeyUsages.find((one) => !profile.extendedKeyUsages.includes(one));
  if (extended) return { field: "extendedKeyUsages", message: `Profile ${profile.name} does not allow ${EXTENDED_KEY_USAGE_LABELS[extended]} certificates.` };
  if (request.validityDays > profile.maxValidityDays) {
    return { field: "ttlDays", message: `Profile ${profile.name} issues for at most ${profile.maxValidityDays} days.` };
  }
  if (request.names.ipAddresses.length && !profile.allowIpAddresses) {
    return { field: "ipAddresses", message: `Profile ${profile.name} does not allow IP addresses.` };
  }
  const globs = profile.allowedNames.map(compileGlob);
  const named: Array<[ProfileField, string]> = [
    ["commonName", request.names.commonName],
    ...request.names.dnsNames.map((name): [ProfileField, string] => ["dnsNames", name]),
    ...request.names.emailAddresses.map((name): [ProfileField, string] => ["emailAddresses", name]),
  ];
  for (const [field, name] of named) {
    // A common name that is an address is checked as one (above), not against the name patterns.
    if (field === "commonName" && isIP(name)) {
      if (!profile.allowIpAddresses) return { field, message: `Profile ${profile.name} does not allow IP addresses.` };
      continue;
    }
    if (name.startsWith("*.") && !profile.allowWildcards) return { field, message: `Profile ${profile.name} does not allow wildcard names like ${name}.` };
    const lower = name.toLowerCase();
    if (!globs.some((glob) => glob.matches(lower))) {
      return { field, message: `${name} is not among the names profile ${profile.name} allows (${profile.allowedNames.join(", ")}).` };
    }
  }
  return null;
}
