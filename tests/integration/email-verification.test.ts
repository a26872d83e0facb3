import { describe, expect, it } from "vitest";
import { authenticate, EMAIL_NOT_VERIFIED } from "@/lib/platform/auth/authenticate";
import { loadActor } from "@/lib/platform/authz/actor";
import { db } from "@/lib/platform/db";
import { RefusedError } from "@/lib/platform/errors";
import { signUpWithInvitation } from "@/lib/platform/invitations/accept-invitation";
import { createInvitations } from "@/lib/platform/invitations/create-invitations";
import { createInviteLink } from "@/lib/platform/invite-links/create-invite-link";
import { joinWithLink, signUpWithLink } from "@/lib/platform/invite-links/join-with-link";
import { changePassword } from "@/lib/platform/users/change-password";
import { requestPasswordReset, resetPassword } from "@/lib/platform/users/password-reset";
import { signUp } from "@/lib/platform/users/sign-up";
import { confirmEmail, resendConfirmation } from "@/lib/platform/auth/email-verification";
import { createUser, currentClaims, orgWithProject, TEST_PASSWORD, unique } from "../support/factories";
import { withMailbox } from "../support/mailbox";

// With SMTP_URL set, addresses are verified.
const mailsTo = withMailbox();

/** The token of the newest /<route>/<token> link mailed to `address`. */
function tokenFromMail(address: string, route: "verify-email" | "reset-password"): string {
  const tokens = mailsTo(address).flatMap((text) =>
    [...text.matchAll(new RegExp(`https://tessera\\.example/${route}/([A-Za-z0-9_-]+)`, "g"))].map((match) => match[1]!),
  );
  const token = tokens.at(-1);
  if (!token) throw new Error(`no ${route} link mailed to ${address}`);
  return token;
}

const newAddress = (domain = "example.com") => `${unique("person")}@${domain}`;

describe("email verification, with mail set up", () => {
  it("a new account confirms its address from the mailed link before it can sign in; the link works once", async () => {
    const email = newAddress();
    expect(await signUp({ name: "Nia", email, password: TEST_PASSWORD })).toEqual({ email, checkInbox: true });
    expect(await authenticate({ email, password: TEST_PASSWORD })).toBe(EMAIL_NOT_VERIFIED);
    const token = tokenFromMail(email, "verify-email");
    expect(await confirmEmail({ token })).toEqual({ email, nextPath: null });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await authenticate({ email, password: TEST_PASSWORD })).toEqual({ userId: user.id });
    await expect(confirmEmail({ token })).rejects.toBeInstanceOf(RefusedError);
    // Only a hash of the token is stored.
    const rows = await db().$queryRaw<Array<{ dump: string }>>`SELECT row_to_json(t)::text AS dump FROM email_tokens t`;
    expect(rows.some((row) => row.dump.includes(token))).toBe(false);
  });

  it("sign-up answers the same for an address that has an account, changes nothing, and mails its owner", async () => {
    const owner = await createUser();
    const before = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(await signUp({ name: "Impostor", email: owner.email, password: "another long password" })).toEqual({ email: owner.email, checkInbox: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(before);
    const [notice] = mailsTo(owner.email);
    expect(notice).toContain("Someone tried to create a Tessera account");
    expect(tokenFromMail(owner.email, "reset-password")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("a squatter never blocks the owner: the owner claims the address, the squatter's password and sessions die", async () => {
    const email = newAddress("corp.example");
    await signUp({ name: "Squatter", email, password: "squatter's password" });
    const squatter = await db().user.findUniqueOrThrow({ where: { email } });
    const squatterSession = await currentClaims(squatter.id);
    // The real owner signs up too: same answer, and a claim link in their mailbox.
    expect(await signUp({ name: "Real Owner", email, password: TEST_PASSWORD })).toEqual({ email, checkInbox: true });
    expect(mailsTo(email).at(-1)).toContain("Claim your email address");
    await resetPassword({ token: tokenFromMail(email, "reset-password"), password: TEST_PASSWORD, name: "Real Owner" });
    const claimed = await db().user.findUniqueOrThrow({ where: { email } });
    expect(claimed).toMatchObject({ name: "Real Owner" });
    expect(claimed.emailVerifiedAt).not.toBeNull();
    expect(await loadActor(squatterSession)).toBeNull();
    expect(await authenticate({ email, password: "squatter's password" })).toBeNull();
    expect(await authenticate({ email, password: TEST_PASSWORD })).toEqual({ userId: claimed.id });
  });

  it("a claim must name the claimant", async () => {
    const email = newAddress();
    await signUp({ name: "Squatter", email, password: "squatter's password" });
    await requestPasswordReset({ email }, "192.0.2.1");
    await expect(resetPassword({ token: tokenFromMail(email, "reset-password"), password: TEST_PASSWORD })).rejects.toMatchObject({
      fieldErrors: { name: ["Enter your name"] },
    });
  });

  it("a domain-limited link lets in only a confirmed address of the domain", async () => {
    const context = await orgWithProject();
    await db().organization.update({ where: { id: context.org.id }, data: { seatLimit: 10 } });
    const link = await createInviteLink(context.adminOrgAccess, { orgSlug: context.org.slug, name: "Corp", role: "member", allowedDomain: "corp.example" });
    const email = newAddress("corp.example");
    // Signing up through the link creates an unconfirmed account and joins nothing yet.
    expect(await signUpWithLink({ token: link.token, name: "Claimed", email, password: TEST_PASSWORD })).toEqual({ email, orgSlug: null, checkInbox: true });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().orgMembership.count({ where: { orgId: context.org.id, userId: user.id } })).toBe(0);
    const actor = { userId: user.id, name: user.name, email };
    await expect(joinWithLink(actor, { token: link.token })).rejects.toThrow(/only for confirmed @corp\.example addresses/);
    // The mailed link confirms the address and leads back to the invite link.
    expect(await confirmEmail({ token: tokenFromMail(email, "verify-email") })).toEqual({ email, nextPath: `/join/${link.token}` });
    expect(await joinWithLink(actor, { token: link.token })).toEqual({ orgSlug: context.org.slug });
  });

  it("sends the link again to an unconfirmed account only, answering alike for every address", async () => {
    const email = newAddress();
    await signUp({ name: "Slow Reader", email, password: TEST_PASSWORD });
    const first = tokenFromMail(email, "verify-email");
    await resendConfirmation({ email }, "192.0.2.60");
    const second = tokenFromMail(email, "verify-email");
    expect(second).not.toBe(first);
    // The new link replaces the old one.
    await expect(confirmEmail({ token: first })).rejects.toBeInstanceOf(RefusedError);
    await confirmEmail({ token: second });
    const confirmed = await createUser();
    const unknown = newAddress();
    await expect(resendConfirmation({ email: confirmed.email }, "192.0.2.60")).resolves.toBeUndefined();
    await expect(resendConfirmation({ email: unknown }, "192.0.2.60")).resolves.toBeUndefined();
    expect(mailsTo(confirmed.email)).toEqual([]);
    expect(mailsTo(unknown)).toEqual([]);
  });

  it("accepting an emailed invitation confirms the address: the token proved the mailbox", async () => {
    const context = await orgWithProject();
    const email = newAddress();
    const [invitation] = await createInvitations(context.adminOrgAccess, { orgSlug: context.org.slug, emails: email, role: "member" });
    await signUpWithInvitation({ token: invitation!.token, name: "Invited", password: TEST_PASSWORD });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await authenticate({ email, password: TEST_PASSWORD })).toEqual({ userId: user.id });
  });
});

describe("password reset by mail", () => {
  it("answers alike for known and unknown addresses, mails only the known one", async () => {
    const unknown = newAddress();
    await expect(requestPasswordReset({ email: unknown }, "192.0.2.2")).resolves.toBeUndefined();
    expect(mailsTo(unknown)).toEqual([]);
    const user = await createUser();
    await expect(requestPasswordReset({ email: user.email }, "192.0.2.2")).resolves.toBeUndefined();
    expect(mailsTo(user.email).at(-1)).toContain("set a new password");
  });

  it("sets the password once, ends every session, and an hour-old link is dead", async () => {
    const user = await createUser();
    const other = await currentClaims(user.id);
    await requestPasswordReset({ email: user.email }, "192.0.2.3");
    const token = tokenFromMail(user.email, "reset-password");
    await resetPassword({ token, password: "a brand new passphrase" });
    expect(await loadActor(user.claims)).toBeNull();
    expect(await loadActor(other)).toBeNull();
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate({ email: user.email, password: "a brand new passphrase" })).toEqual({ userId: user.id });
    await expect(resetPassword({ token, password: "yet another passphrase" })).rejects.toBeInstanceOf(RefusedError);

    await requestPasswordReset({ email: user.email }, "192.0.2.3");
    const stale = tokenFromMail(user.email, "reset-password");
    await db().emailToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resetPassword({ token: stale, password: "yet another passphrase" })).rejects.toBeInstanceOf(RefusedError);
  });

  it("is limited per address", async () => {
    const results = [];
    for (let attempt = 0; attempt < 11; attempt++)
      results.push(
        await requestPasswordReset({ email: newAddress() }, "192.0.2.50").then(
          () => "ok",
          (error: Error) => error.message,
        ),
      );
    expect(results.slice(0, 10).every((result) => result === "ok")).toBe(true);
    expect(results[10]).toMatch(/Too many password resets/);
  });
});

describe("password change", () => {
  it("asks for the current password, and ends the other sessions but this one", async () => {
    const user = await createUser();
    const elsewhere = await currentClaims(user.id);
    await expect(
      changePassword(user.actor, user.claims.sessionId, { currentPassword: "not my password", newPassword: "a brand new passphrase" }),
    ).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    expect(await loadActor(elsewhere)).toEqual(user.actor);
    await changePassword(user.actor, user.claims.sessionId, { currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase" });
    expect(await loadActor(user.claims)).toEqual(user.actor);
    expect(await loadActor(elsewhere)).toBeNull();
    expect(await authenticate({ email: user.email, password: "a brand new passphrase" })).toEqual({ userId: user.id });
  });
});
