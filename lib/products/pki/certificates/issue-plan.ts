import "server-only";
import { ValidationError } from "../../../platform/errors.ts";
import { profileDefaults, profileRefusal } from "../profiles/profile-check.ts";
import type { ProfileRow } from "../profiles/queries.ts";
import { KEY_ALGORITHM_LABELS, KEY_USAGE_LABELS, keyUsagesFor, type ExtendedKeyUsage, type KeyAlgorithm, type KeyUsage } from "../vocabulary.ts";
import type { Names } from "./queries.ts";
import { signedNames } from "./sign.ts";

export type IssueAsk = {
  names: Names;
  keyAlgorithm: KeyAlgorithm;
  /** Absent: the profile's defaults for the key. */
  keyUsages?: KeyUsage[];
  extendedKeyUsages?: ExtendedKeyUsage[];
  validityDays: number;
  /** A key from a CSR is refused at the CSR; one made here at the key type. */
  keyFrom: "generated" | "csr";
};
export type IssuePlan = { names: Names; keyUsages: KeyUsage[]; extendedKeyUsages: ExtendedKeyUsage[] };

/**
 * What will be signed for a request through a profile, from the console, the API and ACME
 * alike: usages the key can serve, names in the one form they are signed in, all within the
 * profile. Refusals name the form field at fault.
 */
export function issuePlan(profile: ProfileRow, ask: IssueAsk): IssuePlan {
  const defaults = profileDefaults(profile, ask.keyAlgorithm);
  const keyUsages = ask.keyUsages ?? defaults.keyUsages;
  const extendedKeyUsages = ask.extendedKeyUsages ?? defaults.extendedKeyUsages;
  if (keyUsages.length === 0) {
    throw ValidationError.field(
      ask.keyFrom === "csr" ? "csr" : "keyAlgorithm",
      `Profile ${profile.name} allows no key usage a ${KEY_ALGORITHM_LABELS[ask.keyAlgorithm]} key can serve.`,
    );
  }
  const unfit = keyUsages.find((usage) => !keyUsagesFor(ask.keyAlgorithm).includes(usage));
  if (unfit) {
    throw ValidationError.field(
      "keyUsages",
      `${KEY_ALGORITHM_LABELS[ask.keyAlgorithm]} keys cannot be used for ${KEY_USAGE_LABELS[unfit].toLowerCase()}: untick it.`,
    );
  }
  const names = signedNames(ask.names, extendedKeyUsages);
  const refusal = profileRefusal(profile, { names, keyAlgorithm: ask.keyAlgorithm, keyUsages, extendedKeyUsages, validityDays: ask.validityDays });
  if (refusal) throw ValidationError.field(refusal.field === "keyAlgorithm" && ask.keyFrom === "csr" ? "csr" : refusal.field, refusal.message);
  return { names, keyUsages, extendedKeyUsages };
}
