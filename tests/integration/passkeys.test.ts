// Passkeys (WebAuthn) as a second factor, answered by a software authenticator so the
// server's real verification runs on real signatures: registration after the password, sign-in
// only with a fresh challenge signed once by the account's own key, counters that must move
// forward, and recovery codes that belong to two-factor sign-in as a whole.
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/platform/auth/options";
import { addPasskey, passkeyRegistrationOptions, passkeyVerifyOptions } from "@/lib/platform/auth/passkeys";
import { signInSecondFactorOptions } from "@/lib/platform/auth/second-factor-options";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/platform/auth/totp";
import { removePasskey, renamePasskey, twoFactorStatus } from "@/lib/platform/auth/two-factor";
import { db } from "@/lib/platform/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/platform/http/client-address";
import { setRequireTwoFactor } from "@/lib/platform/orgs/two-factor-policy";
import { addOrgMember, createUser, orgWithProject, TEST_PASSWORD } from "../support/factories";
import { softAuthenticator } from "../support/soft-authenticator";

const ORIGIN = "https://tessera.example";
beforeAll(() => {
  // The relying party is the configured public URL (read on first use of the environment).
  process.env.NEXTAUTH_URL = ORIGIN;
});

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

function signIn(credentials: Record<string, string>) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize(credentials, { headers: { [CLIENT_ADDRESS_HEADER]: "127.0.0.1", "user-agent": "vitest" } });
}

type User = Awaited<ReturnType<typeof createUser>>;

async function withPasskey(user: User, name = "Laptop") {
  const key = softAuthenticator(ORIGIN);
  const options = await passkeyRegistrationOptions(user.actor, { password: TEST_PASSWORD });
  const { recoveryCodes } = await addPasskey(user.actor, { name, response: JSON.stringify(key.register(options)) });
  return { key, recoveryCodes };
}

async function signedChallenge(
  user: User,
  key: ReturnType<typeof softAuthenticator>,
  forged?: Parameters<ReturnType<typeof softAuthenticator>["authenticate"]>[1],
) {
  const options = await passkeyVerifyOptions(user.id);
  if (!options) throw new Error("no passkey challenge");
  return JSON.stringify(key.authenticate(options, forged));
}

describe("adding a passkey", () => {
  it("needs the password; the first factor makes the recovery codes; a challenge answers once", async () => {
    const user = await createUser();
    await expect(passkeyRegistrationOptions(user.actor, { password: "not my password" })).rejects.toMatchObject({
      fieldErrors: { password: [expect.any(String)] },
    });
    const key = softAuthenticator(ORIGIN);
    const options = await passkeyRegistrationOptions(user.actor, { password: TEST_PASSWORD });
    expect(options.rp).toEqual({ id: "tessera.example", name: "Tessera" });
    const response = JSON.stringify(key.register(options));
    const { recoveryCodes } = await addPasskey(user.actor, { name: "Laptop", response });
    expect(recoveryCodes).toHaveLength(10);
    await expect(addPasskey(user.actor, { name: "Again", response })).rejects.toThrow(/took too long or was already answered/);
    expect((await twoFactorStatus(user.actor)).passkeys.map((passkey) => passkey.name)).toEqual(["Laptop"]);
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "account.passkey-added" } })).toBe(1);

    // Another page's origin is not ours, even with a challenge we handed out.
    const phished = await passkeyRegistrationOptions(user.actor, { password: TEST_PASSWORD });
    const elsewhere = softAuthenticator("https://tessera.example.evil.test");
    await expect(addPasskey(user.actor, { name: "Phished", response: JSON.stringify(elsewhere.register(phished)) })).rejects.toThrow(/could not be verified/);

    // A second factor added later keeps the codes there are.
    const { secret } = await startTotpEnrolment(user.actor);
    expect((await confirmTotpEnrolment(user.actor, { code: await generate({ secret }) })).recoveryCodes).toBeNull();
  });
});

describe("signing in with a passkey", () => {
  it("issues a session only for the account's own key signing a fresh challenge, once, with its counter moving forward", async () => {
    const user = await createUser();
    const { key } = await withPasskey(user);
    await expect(signIn({ email: user.email, password: TEST_PASSWORD })).rejects.toThrow("SECOND_FACTOR_REQUIRED");
    // The form asks for the challenge with the password again: a wrong one gets nothing.
    await expect(signInSecondFactorOptions({ email: user.email, password: "wrong password!" })).rejects.toThrow(/do not match/);
    const options = await signInSecondFactorOptions({ email: user.email, password: TEST_PASSWORD });
    expect(options).toMatchObject({ totp: false, passkey: { allowCredentials: [{ id: key.id }] } });
    const answer = JSON.stringify(key.authenticate(options.passkey!));
    const signedIn = await signIn({ email: user.email, password: TEST_PASSWORD, passkey: answer });
    expect(signedIn).toMatchObject({ id: user.id });
    const session = await db().userSession.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(session.secondFactorAt).not.toBeNull();
    // The same answer again: its challenge is spent.
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, passkey: answer })).rejects.toThrow("SECOND_FACTOR_WRONG");
    // A key that reports an older counter is a copy.
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, passkey: await signedChallenge(user, key, { counter: 1 }) })).rejects.toThrow(
      "SECOND_FACTOR_WRONG",
    );
    // Signed on another site's page.
    await expect(
      signIn({ email: user.email, password: TEST_PASSWORD, passkey: await signedChallenge(user, key, { from: "https://evil.test" }) }),
    ).rejects.toThrow("SECOND_FACTOR_WRONG");
    expect(await signIn({ email: user.email, password: TEST_PASSWORD, passkey: await signedChallenge(user, key) })).toMatchObject({ id: user.id });
    expect((await twoFactorStatus(user.actor)).passkeys[0]?.lastUsedAt).not.toBeNull();
  });

  it("refuses another account's passkey and a challenge handed to another account", async () => {
    const ada = await createUser();
    const grace = await createUser();
    const { key: adaKey } = await withPasskey(ada);
    const { key: graceKey } = await withPasskey(grace);
    // Grace's key answering Ada's challenge, and Ada's key answering Grace's challenge.
    await expect(signIn({ email: ada.email, password: TEST_PASSWORD, passkey: await signedChallenge(ada, graceKey) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    await expect(signIn({ email: ada.email, password: TEST_PASSWORD, passkey: await signedChallenge(grace, adaKey) })).rejects.toThrow("SECOND_FACTOR_WRONG");
    await expect(signIn({ email: ada.email, password: TEST_PASSWORD, passkey: "{not json" })).rejects.toThrow("SECOND_FACTOR_WRONG");
  });
});

describe("managing passkeys", () => {
  it("removing one asks for a second factor; the last one takes the recovery codes, unless an org requires two-factor sign-in", async () => {
    const user = await createUser();
    const { key, recoveryCodes } = await withPasskey(user, "Laptop");
    const { key: phoneKey } = await withPasskey(user, "Phone");
    const [laptop, phone] = (await twoFactorStatus(user.actor)).passkeys;
    await renamePasskey(user.actor, { passkeyId: phone!.id, name: "Old phone" });
    expect((await twoFactorStatus(user.actor)).passkeys.map((passkey) => passkey.name)).toEqual(["Laptop", "Old phone"]);

    await expect(removePasskey(user.actor, { passkeyId: phone!.id, code: "wrong-codes" })).rejects.toMatchObject({
      fieldErrors: { code: [expect.any(String)] },
    });
    await removePasskey(user.actor, { passkeyId: phone!.id, passkey: await signedChallenge(user, phoneKey) });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);

    const { org, adminOrgAccess } = await orgWithProject();
    await addOrgMember(org.id, user.id, "member");
    const { secret } = await startTotpEnrolment(adminOrgAccess.actor);
    await confirmTotpEnrolment(adminOrgAccess.actor, { code: await generate({ secret }) });
    await setRequireTwoFactor(adminOrgAccess, { orgSlug: org.slug, required: true });
    await expect(removePasskey(user.actor, { passkeyId: laptop!.id, code: recoveryCodes![0]! })).rejects.toThrow(/requires two-factor sign-in/);
    expect((await twoFactorStatus(user.actor)).passkeys).toHaveLength(1);

    await setRequireTwoFactor(adminOrgAccess, { orgSlug: org.slug, required: false });
    await removePasskey(user.actor, { passkeyId: laptop!.id, passkey: await signedChallenge(user, key) });
    expect(await twoFactorStatus(user.actor)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await signIn({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
  });

  it("nobody renames or removes another person's passkey", async () => {
    const ada = await createUser();
    const grace = await createUser();
    const { recoveryCodes } = await withPasskey(grace);
    await withPasskey(ada);
    const [adaPasskey] = (await twoFactorStatus(ada.actor)).passkeys;
    await expect(renamePasskey(grace.actor, { passkeyId: adaPasskey!.id, name: "Mine now" })).rejects.toThrow(/already gone/);
    await expect(removePasskey(grace.actor, { passkeyId: adaPasskey!.id, code: recoveryCodes![0]! })).rejects.toThrow(/already gone/);
    expect((await twoFactorStatus(ada.actor)).passkeys.map((passkey) => passkey.name)).toEqual(["Laptop"]);
  });
});
