import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/platform/auth/authenticate";
import { db } from "@/lib/platform/db";
import { ValidationError } from "@/lib/platform/errors";
import { renameSelf } from "@/lib/platform/users/rename-self";
import { signUp } from "@/lib/platform/users/sign-up";
import { createUser, TEST_PASSWORD, unique } from "../support/factories";

describe("sign-up", () => {
  it("stores the normalised email and an argon2id hash, never the password", async () => {
    const local = unique("ada");
    const outcome = await signUp({ name: "Ada", email: ` ${local.toUpperCase()}@ＥＸＡＭＰＬＥ.com `, password: TEST_PASSWORD });
    // Without SMTP_URL nothing can be confirmed by mail: the account is ready at once.
    expect(outcome).toEqual({ email: `${local}@example.com`, checkInbox: false });
    const row = await db().user.findUniqueOrThrow({ where: { email: outcome.email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("refuses a second account for the same address in another spelling", async () => {
    const { email } = await createUser();
    const respelled = email.toUpperCase().replace("@", "＠");
    const attempt = signUp({ name: "Copy", email: respelled, password: TEST_PASSWORD });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { email: [expect.stringMatching(/already exists/)] } });
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("refuses passwords shorter than 12 characters and writes nothing", async () => {
    const email = `${unique("short")}@example.com`;
    await expect(signUp({ name: "Short", email, password: "elevenchars" })).rejects.toThrow(/at least 12/);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("authenticate", () => {
  it("accepts the right password whatever the email's case or width", async () => {
    const user = await createUser();
    const claims = await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(claims).toEqual({ userId: user.id });
  });

  it("answers a wrong password, an unknown email and a disabled account identically", async () => {
    const user = await createUser();
    const disabled = await createUser();
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect(await authenticate({ email: user.email, password: "wrong password here" })).toBeNull();
    expect(await authenticate({ email: `${unique("nobody")}@example.com`, password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate({ email: disabled.email, password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate({ email: "not an email", password: TEST_PASSWORD })).toBeNull();
  });
});

describe("renaming yourself", () => {
  it("changes only the actor's own name, trimmed, and refuses an empty one at its field", async () => {
    const user = await createUser({ name: "Old Name" });
    const other = await createUser({ name: "Someone Else" });
    expect(await renameSelf(user.actor, { name: "  New Name " })).toEqual({ name: "New Name" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("New Name");
    expect((await db().user.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Someone Else");
    await expect(renameSelf(user.actor, { name: "   " })).rejects.toThrow(/Enter your name/);
  });
});
