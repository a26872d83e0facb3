/**
 * Why an SSO sign-in ended without a session, as the /sso page tells it. Shared with the
 * browser: nothing here is secret.
 */
export const SSO_REFUSALS = {
  "no-connection":
    "No organization signs in with single sign-on for that address. Sign in with your password, or ask your admin for your organization's sign-in link.",
  ambiguous: "Several organizations sign in with single sign-on for that domain. Use your organization's own sign-in link (its admin has it).",
  expired: "This sign-in took too long, was already used, or started in another browser. Start again.",
  changed: "The organization's single sign-on settings changed during this sign-in. Start again.",
  provider: "The identity provider's answer could not be verified, so nobody was signed in. Try again; if it keeps happening, tell your admin.",
  "email-unverified": "Your identity provider does not say your email address is verified, so no account was made. Ask your admin.",
  domain: "Your email address's domain may not sign in to this organization. Ask your admin.",
  "account-exists": "An account with your email address already exists here. Sign in with its password, then link it to your organization's provider below.",
  "link-mismatch": "The provider signed in someone whose verified email is not this account's, so nothing was linked.",
  "link-taken": "That identity at the provider is already linked to another Tessera account.",
  "not-signed-in": "Sign in with your password first, then link your account.",
  disabled: "This account is disabled.",
  deactivated: "Your organization's identity provider has deactivated your membership. Ask your admin.",
  "no-seat": "This organization has no free seats. Ask its admin to free one or upgrade the plan.",
  plan: "This organization's plan does not include single sign-on.",
  "not-allowed": "Only someone who may edit the organization's settings can test its single sign-on.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === "string" && Object.hasOwn(SSO_REFUSALS, value);
}
