// The ACME server of a certificate profile, from outside: Debian's certbot and lego register
// with External Account Binding, obtain, renew and revoke against two production instances
// behind HAProxy; the npm acme-client and hand-made JWS requests try what a client gets wrong.
// Challenges are served on a loopback port (ACME_HTTP01_PORT) and a test DNS server.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as acme from "acme-client";
import { exportJWK, FlattenedSign, generateKeyPair, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { certbotEabArgs } from "@/lib/products/pki/acme/client-commands";
import { createEabKey, revokeEabKey } from "@/lib/products/pki/acme/eab-keys";
import { createProfile } from "@/lib/products/pki/profiles/manage-profiles";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { saveExpiryAlert } from "@/lib/products/pki/expiry/alerts";
import { startMailCatcher } from "../../scripts/lib/mail-catcher";
import { addOrgMember, addProjectMember, createUser } from "../support/factories";
import { findFreePort } from "../../scripts/lib/free-port";
import { file, hierarchy, openssl, pkiProject, type Project } from "../support/pki";
import { startDnsServer, type TestDnsServer } from "./support/dns-server";
import { startTestCluster, type TestCluster } from "./support/test-cluster";

const run = promisify(execFile);
let cluster: TestCluster;
let dns: TestDnsServer;
let challengePort: number;
let project: Project;
let rootPem: string;
let profileId: string;
let otherProfileId: string;
let mailDir: string;
let mailCatcher: Awaited<ReturnType<typeof startMailCatcher>>;

const PROFILE = {
  allowedNames: "localhost\n*.acme.test",
  keyAlgorithms: ["EC_P256" as const, "EC_P384" as const, "RSA_2048" as const],
  keyUsages: ["digitalSignature" as const, "keyEncipherment" as const],
  extendedKeyUsages: ["serverAuth" as const],
  maxValidityDays: 30,
};

const directoryOf = (id: string) => `${cluster.url}/api/v1/pki/acme/profiles/${id}/directory`;
const eab = async (id: string, name = "test client") => {
  const key = await createEabKey(project.admin, { ...project.ref, profileId: id, name });
  // acme-client calls the key id `kid`.
  return { ...key, kid: key.keyId };
};

beforeAll(async () => {
  challengePort = await findFreePort();
  dns = await startDnsServer();
  mailDir = mkdtempSync(path.join(tmpdir(), "tessera-acme-mail-"));
  mailCatcher = await startMailCatcher(mailDir);
  // Both instances sweep every second: expiry alerts race for the same certificates. Every
  // client here is 127.0.0.1: the per-address ACME limit is raised for this file's many clients.
  cluster = await startTestCluster({
    env: {
      ACME_HTTP01_PORT: String(challengePort),
      ACME_DNS_RESOLVER: `127.0.0.1:${dns.port}`,
      SMTP_URL: mailCatcher.url,
      SWEEP_INTERVAL_SECONDS: "1",
      RATE_LIMIT_SCALE: "20",
    },
  });
  project = await pkiProject();
  const made = await hierarchy(project);
  rootPem = made.rootPem;
  ({ profileId } = await createProfile(project.admin, { ...project.ref, ...PROFILE, name: "Local", caId: made.intermediateId }));
  ({ profileId: otherProfileId } = await createProfile(project.admin, { ...project.ref, ...PROFILE, name: "Other", caId: made.intermediateId }));
}, 600_000);
afterAll(async () => {
  await dns?.close();
  await mailCatcher?.stop();
  await cluster?.close();
});

/** Serves http-01 key authorizations on the challenge port while `work` runs. */
async function servingChallenges<T>(answers: Map<string, string>, work: () => Promise<T>): Promise<T> {
  const server: Server = createServer((request, response) => {
    const token = request.url?.replace("/.well-known/acme-challenge/", "") ?? "";
    const answer = answers.get(token);
    response.writeHead(answer ? 200 : 404).end(answer ?? "");
  });
  await new Promise<void>((resolve) => server.listen(challengePort, "127.0.0.1", resolve));
  try {
    return await work();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The row of a certificate a client received (the first of a PEM chain), found by its DER. */
function certificateRowOf(chainPem: string) {
  const der = Buffer.from(acme.crypto.getPemBodyAsB64u(acme.crypto.splitPemChain(chainPem)[0]!), "base64url");
  return db().certificate.findFirstOrThrow({ where: { profileId, certificate: { equals: Uint8Array.from(der) } } });
}

/** `openssl verify` of a PEM chain (leaf first) against the test root. */
function verifies(chainPem: string): string {
  const [leaf, ...rest] = acme.crypto.splitPemChain(chainPem);
  return openssl("verify", "-CAfile", file(rootPem), "-untrusted", file(rest.join("\n")), file(leaf!)).trim();
}

describe("ACME with the npm acme-client", () => {
  it("registers with EAB, proves a name by http-01 and another by dns-01, gets a certificate that verifies, and revokes it", async () => {
    const accountKey = await acme.crypto.createPrivateEcdsaKey();
    const client = new acme.Client({ directoryUrl: directoryOf(profileId), accountKey, externalAccountBinding: await eab(profileId) });
    await client.createAccount({ termsOfServiceAgreed: true, contact: ["mailto:ops@acme.test"] });
    const order = await client.createOrder({
      identifiers: [
        { type: "dns", value: "localhost" },
        { type: "dns", value: "www.acme.test" },
      ],
    });
    const answers = new Map<string, string>();
    await servingChallenges(answers, async () => {
      for (const authorization of await client.getAuthorizations(order)) {
        const type = authorization.identifier.value === "localhost" ? "http-01" : "dns-01";
        const challenge = authorization.challenges.find((one) => one.type === type)!;
        const keyAuthorization = await client.getChallengeKeyAuthorization(challenge);
        if (type === "http-01") answers.set(challenge.token, keyAuthorization);
        // For dns-01, acme-client answers the record's value: the digest of the key authorization.
        else dns.txt.set(`_acme-challenge.${authorization.identifier.value}`, [keyAuthorization]);
        await client.completeChallenge(challenge);
        await client.waitForValidStatus(challenge);
      }
    });
    const [, csr] = await acme.crypto.createCsr({ commonName: "localhost", altNames: ["localhost", "www.acme.test"] });
    const finalized = await client.finalizeOrder(order, csr);
    expect(finalized.status).toBe("valid");
    const chain = await client.getCertificate(finalized);
    expect(verifies(chain)).toMatch(/: OK$/);
    expect(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file(chain))).toMatch(/DNS:localhost, DNS:www\.acme\.test/);

    const row = await db().certificate.findFirstOrThrow({ where: { profileId, commonName: "localhost", dnsNames: { has: "www.acme.test" } } });
    expect(row.issuedById).toBeNull();
    await client.revokeCertificate(chain, { reason: 4 });
    expect((await db().certificate.findUniqueOrThrow({ where: { id: row.id } })).revocationReason).toBe("superseded");
    const events = await db().auditEvent.findMany({
      where: { projectId: project.project.id, action: { startsWith: "pki.acme-" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(["pki.acme-account-created", "pki.acme-order-created", "pki.acme-certificate-issued", "pki.acme-certificate-revoked"]),
    );
    expect(events.find((event) => event.action === "pki.acme-certificate-issued")?.summary).toMatch(
      /^By ACME account [0-9a-f-]{36} \(key test client\), profile Local$/,
    );
  });

  it("refuses what the profile does not allow, a CSR that differs from the order, another profile's EAB, and a deactivated account", async () => {
    const accountKey = await acme.crypto.createPrivateEcdsaKey();
    // Another profile's EAB key does not register here.
    const stranger = new acme.Client({ directoryUrl: directoryOf(profileId), accountKey, externalAccountBinding: await eab(otherProfileId) });
    await expect(stranger.createAccount({ termsOfServiceAgreed: true })).rejects.toThrow(/EAB key id is not a key of this profile/);
    const client = new acme.Client({ directoryUrl: directoryOf(profileId), accountKey, externalAccountBinding: await eab(profileId) });
    await client.createAccount({ termsOfServiceAgreed: true });
    await expect(client.createOrder({ identifiers: [{ type: "dns", value: "evil.example" }] })).rejects.toThrow(
      /evil\.example is not among the names profile Local allows/,
    );
    await expect(client.createOrder({ identifiers: [{ type: "dns", value: "*.acme.test" }] })).rejects.toThrow(/does not allow wildcard names/);
    await expect(client.createOrder({ identifiers: [{ type: "ip", value: "127.0.0.1" }] })).rejects.toThrow(/does not allow IP addresses/);

    const order = await client.createOrder({ identifiers: [{ type: "dns", value: "api.acme.test" }] });
    const [authorization] = await client.getAuthorizations(order);
    const challenge = authorization!.challenges.find((one) => one.type === "dns-01")!;
    dns.txt.set("_acme-challenge.api.acme.test", [await client.getChallengeKeyAuthorization(challenge)]);
    await client.completeChallenge(challenge);
    await client.waitForValidStatus(order);
    const [, otherNames] = await acme.crypto.createCsr({ commonName: "api.acme.test", altNames: ["api.acme.test", "db.acme.test"] });
    await expect(client.finalizeOrder(order, otherNames)).rejects.toThrow(/must name exactly the order's identifiers.*db\.acme\.test is not one/);
    const [, rsa4096] = await acme.crypto.createCsr({ commonName: "api.acme.test", altNames: ["api.acme.test"], keySize: 4096 });
    await expect(client.finalizeOrder(order, rsa4096)).rejects.toThrow(/issues for EC P-256, EC P-384, RSA 2048 keys, not RSA 4096/);
    // Still ready after those refusals: the right CSR is issued.
    const [, good] = await acme.crypto.createCsr({ commonName: "api.acme.test", altNames: ["api.acme.test"] });
    expect((await client.finalizeOrder(order, good)).status).toBe("valid");

    // keyChange: the account moves to a new key; the old one no longer signs for it.
    const newKey = await acme.crypto.createPrivateEcdsaKey();
    await client.updateAccountKey(newKey);
    const oldKeyClient = new acme.Client({ directoryUrl: directoryOf(profileId), accountKey, accountUrl: client.getAccountUrl() });
    await expect(oldKeyClient.createOrder({ identifiers: [{ type: "dns", value: "api.acme.test" }] })).rejects.toThrow(/does not verify/);
    expect((await client.createOrder({ identifiers: [{ type: "dns", value: "api.acme.test" }] })).status).toBe("pending");

    await client.updateAccount({ status: "deactivated" });
    await expect(client.createOrder({ identifiers: [{ type: "dns", value: "api.acme.test" }] })).rejects.toThrow(/deactivated/);
  });

  it("a revoked EAB key stops the accounts that registered with it; a failed http-01 makes the order invalid", async () => {
    const key = await eab(profileId, "to revoke");
    const client = new acme.Client({
      directoryUrl: directoryOf(profileId),
      accountKey: await acme.crypto.createPrivateEcdsaKey(),
      externalAccountBinding: key,
    });
    await client.createAccount({ termsOfServiceAgreed: true });
    const order = await client.createOrder({ identifiers: [{ type: "dns", value: "localhost" }] });
    const [authorization] = await client.getAuthorizations(order);
    // Nothing answers on the challenge port: the validation fails, and says why.
    await client.completeChallenge(authorization!.challenges.find((one) => one.type === "http-01")!);
    await expect(client.waitForValidStatus(order)).rejects.toThrow(/Could not fetch the challenge from localhost/);
    const failed = await db().acmeChallenge.findFirstOrThrow({ where: { status: "invalid", authorization: { orderId: order.url.split("/").pop()! } } });
    expect(JSON.stringify(failed.error)).toMatch(/Could not fetch the challenge from localhost/);

    await revokeEabKey(project.admin, { ...project.ref, profileId, keyId: key.keyId });
    await expect(client.createOrder({ identifiers: [{ type: "dns", value: "localhost" }] })).rejects.toThrow(/was revoked/);
  });
});

describe("ACME requests made by hand", () => {
  type Signer = { privateKey: CryptoKey; jwk: JWK };
  const signer = async (): Promise<Signer> => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return { privateKey, jwk: await exportJWK(publicKey) };
  };
  const url = (name: string) => `${cluster.url}/api/v1/pki/acme/profiles/${profileId}/${name}`;
  const freshNonce = async () => (await fetch(url("new-nonce"), { method: "HEAD" })).headers.get("replay-nonce")!;
  const sign = async (key: Signer, target: string, payload: object | "", header: Record<string, unknown>) =>
    JSON.stringify(
      await new FlattenedSign(new TextEncoder().encode(payload === "" ? "" : JSON.stringify(payload)))
        .setProtectedHeader({ alg: "ES256", url: target, ...header })
        .sign(key.privateKey),
    );
  const post = async (target: string, body: string) => {
    const response = await fetch(target, { method: "POST", headers: { "content-type": "application/jose+json" }, body });
    return {
      status: response.status,
      nonce: response.headers.get("replay-nonce"),
      body: (await response.json().catch(() => null)) as Record<string, string> | null,
    };
  };

  it("answers the directory and new-nonce (HEAD and GET), each nonce once and on every instance", async () => {
    const directory = (await (await fetch(directoryOf(profileId))).json()) as Record<string, unknown>;
    expect(directory).toMatchObject({ newNonce: url("new-nonce"), newAccount: url("new-account"), meta: { externalAccountRequired: true } });
    const head = await fetch(url("new-nonce"), { method: "HEAD" });
    expect([head.status, head.headers.get("cache-control")]).toEqual([200, "no-store"]);
    const get = await fetch(url("new-nonce"));
    expect(get.status).toBe(204);
    expect(get.headers.get("replay-nonce")).not.toBe(head.headers.get("replay-nonce"));
    expect((await fetch(`${cluster.url}/api/v1/pki/acme/profiles/00000000-0000-0000-0000-000000000000/directory`)).status).toBe(404);
  });

  it("refuses an unknown nonce with a new one to retry with, a replayed request, a wrong key for the account, a wrong url and a symmetric algorithm", async () => {
    const key = await signer();
    // A made-up nonce: badNonce, and the answer carries a fresh nonce.
    const refused = await post(url("new-account"), await sign(key, url("new-account"), { termsOfServiceAgreed: true }, { nonce: "made-up", jwk: key.jwk }));
    expect([refused.status, refused.body?.type]).toEqual([400, "urn:ietf:params:acme:error:badNonce"]);
    // Retried with it: the nonce is good, and registering without EAB is what is refused now.
    const retried = await sign(key, url("new-account"), { termsOfServiceAgreed: true }, { nonce: refused.nonce, jwk: key.jwk });
    expect((await post(url("new-account"), retried)).body?.type).toBe("urn:ietf:params:acme:error:externalAccountRequired");
    // The very same request again (through either instance): its nonce is used up.
    expect((await post(url("new-account"), retried)).body?.type).toBe("urn:ietf:params:acme:error:badNonce");

    // An account made by acme-client, then a request naming it but signed with another key.
    const accountKey = await acme.crypto.createPrivateEcdsaKey();
    const client = new acme.Client({ directoryUrl: directoryOf(profileId), accountKey, externalAccountBinding: await eab(profileId) });
    await client.createAccount({ termsOfServiceAgreed: true });
    const kid = client.getAccountUrl();
    const forged = await post(
      url("new-order"),
      await sign(key, url("new-order"), { identifiers: [{ type: "dns", value: "localhost" }] }, { nonce: await freshNonce(), kid }),
    );
    expect([forged.status, forged.body?.type, forged.body?.detail]).toEqual([
      400,
      "urn:ietf:params:acme:error:malformed",
      "The JWS signature does not verify.",
    ]);
    const elsewhere = await post(url("new-order"), await sign(key, url("new-account"), {}, { nonce: await freshNonce(), jwk: key.jwk }));
    expect([elsewhere.status, elsewhere.body?.type]).toEqual([400, "urn:ietf:params:acme:error:unauthorized"]);
    const hmac = JSON.stringify(
      await new FlattenedSign(new TextEncoder().encode("{}"))
        .setProtectedHeader({ alg: "HS256", url: url("new-order"), nonce: await freshNonce(), kid })
        .sign(new Uint8Array(32)),
    );
    expect((await post(url("new-order"), hmac)).body?.type).toBe("urn:ietf:params:acme:error:badSignatureAlgorithm");
    // Not JOSE at all.
    const plain = await fetch(url("new-order"), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(plain.status).toBe(415);
    expect(await db().acmeOrder.count({ where: { accountId: kid.split("/").pop()! } })).toBe(0);
  });
});

describe("ACME with Debian's clients", () => {
  it("certbot registers with EAB, obtains a certificate over http-01, renews it and revokes it", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "tessera-certbot-"));
    const key = await eab(profileId, "certbot");
    const common = [
      "--non-interactive",
      "--config-dir",
      `${work}/config`,
      "--work-dir",
      `${work}/work`,
      "--logs-dir",
      `${work}/logs`,
      "--server",
      directoryOf(profileId),
    ];
    const standalone = ["--standalone", "--http-01-port", String(challengePort), "--http-01-address", "127.0.0.1"];
    await run(
      "certbot",
      [
        "certonly",
        ...common,
        ...standalone,
        "--agree-tos",
        "--register-unsafely-without-email",
        ...certbotEabArgs(key),
        "--key-type",
        "ecdsa",
        "-d",
        "localhost",
      ],
      { timeout: 120_000 },
    );
    const live = `${work}/config/live/localhost`;
    const first = readFileSync(`${live}/cert.pem`, "utf8");
    expect(verifies(readFileSync(`${live}/fullchain.pem`, "utf8"))).toMatch(/: OK$/);

    await run("certbot", ["renew", ...common, ...standalone, "--force-renewal", "--no-random-sleep-on-renew"], { timeout: 120_000 });
    const renewed = readFileSync(`${live}/cert.pem`, "utf8");
    expect(renewed).not.toBe(first);
    expect(verifies(readFileSync(`${live}/fullchain.pem`, "utf8"))).toMatch(/: OK$/);

    await run("certbot", ["revoke", ...common, "--cert-path", `${live}/cert.pem`, "--reason", "keycompromise", "--no-delete-after-revoke"], {
      timeout: 120_000,
    });
    const row = await certificateRowOf(readFileSync(`${live}/cert.pem`, "utf8"));
    expect(row.revocationReason).toBe("keyCompromise");
    expect(await db().acmeAccount.count({ where: { eabKey: { name: "certbot" } } })).toBe(1);
  });

  it("lego registers with EAB, obtains a certificate over http-01, renews it and revokes it", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "tessera-lego-"));
    const key = await eab(profileId, "lego");
    const common = [
      "--server",
      directoryOf(profileId),
      "--path",
      work,
      "--email",
      "ops@acme.test",
      "--domains",
      "localhost",
      "--http",
      "--http.port",
      `127.0.0.1:${challengePort}`,
      "--accept-tos",
      "--eab",
      // "=" for the same reason as certbotEabArgs: a key may begin with "-".
      `--kid=${key.keyId}`,
      `--hmac=${key.hmacKey}`,
    ];
    await run("lego", [...common, "run"], { timeout: 120_000 });
    const certificates = `${work}/certificates`;
    const first = readFileSync(`${certificates}/localhost.crt`, "utf8");
    expect(verifies(first)).toMatch(/: OK$/);

    await run("lego", [...common, "renew", "--days", "45", "--no-random-sleep"], { timeout: 120_000 });
    const renewed = readFileSync(`${certificates}/localhost.crt`, "utf8");
    expect(renewed).not.toBe(first);
    expect(verifies(renewed)).toMatch(/: OK$/);

    await run("lego", [...common, "revoke"], { timeout: 120_000 });
    // lego moves what it revoked to its archive; the server has it revoked.
    expect((await certificateRowOf(renewed)).revokedAt).not.toBeNull();
  });
});

describe("expiry alerts with two instances sweeping", () => {
  /** Mails received for `address`, soft line breaks undone. */
  const mailsTo = (address: string) =>
    readdirSync(mailDir)
      .map((name) => readFileSync(path.join(mailDir, name), "utf8").replace(/=\r?\n/g, ""))
      .filter((text) => text.startsWith(`X-Envelope-To: ${address}`));

  it("mails the chosen people once per certificate and threshold, whichever instance claims it; not those who cannot read certificates", async () => {
    const reader = await createUser();
    await addOrgMember(project.org.id, reader.id, "member");
    await addProjectMember(project.project.id, reader.id, [{ role: "viewer" }]);
    const outsider = await createUser();
    await addOrgMember(project.org.id, outsider.id, "member");
    await saveExpiryAlert(project.admin, { ...project.ref, thresholds: "7, 1", recipientIds: [reader.id, outsider.id], groupIds: [] });
    const issue = (commonName: string, ttlDays: number) => issueCertificate(project.admin, { ...project.ref, profileId, commonName, ttlDays });
    // Ends within a day: past both thresholds at once, so one mail; within five days: past 7 only.
    await issue("soon.acme.test", 1);
    await issue("week.acme.test", 5);
    const mentions = (name: string) => mailsTo(reader.email).filter((text) => text.includes(name)).length;
    await expect.poll(() => mentions("soon.acme.test") && mentions("week.acme.test"), { timeout: 60_000 }).toBe(1);
    // The sweeps went on (on either instance) past a later certificate: the first two were not mailed again.
    await issue("later.acme.test", 3);
    await expect.poll(() => mentions("later.acme.test"), { timeout: 60_000 }).toBe(1);
    expect([mentions("soon.acme.test"), mentions("week.acme.test")]).toEqual([1, 1]);
    expect(await db().pkiExpiryNotice.count({ where: { projectId: project.project.id } })).toBe(4);
    // (Quoted-printable: "=" travels as "=3D".)
    expect(mailsTo(reader.email)[0]).toMatch(/certificates\?status=(3D)?expiring/);
    expect(mailsTo(outsider.email)).toEqual([]);
  });
});
