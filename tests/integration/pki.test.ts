import { execFileSync } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect, createServer, type PeerCertificate } from "node:tls";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError } from "@/lib/platform/errors";
import { createIntermediateCa } from "@/lib/products/pki/authorities/create-intermediate-ca";
import { createRootCa } from "@/lib/products/pki/authorities/create-root-ca";
import { deleteCa } from "@/lib/products/pki/authorities/delete-ca";
import { getCa } from "@/lib/products/pki/authorities/get-ca";
import { importCaCertificate } from "@/lib/products/pki/authorities/import-ca-certificate";
import { setCaEnabled } from "@/lib/products/pki/authorities/set-ca-enabled";
import { deleteProject } from "@/lib/platform/projects/delete-project";
import { certificateFile } from "@/lib/products/pki/certificates/certificate-file";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { listCertificates } from "@/lib/products/pki/certificates/list-certificates";
import { renewCertificate } from "@/lib/products/pki/certificates/renew-certificate";
import { revokeCertificate } from "@/lib/products/pki/certificates/revoke-certificate";
import { resignCrlSoon, resignDueCrls } from "@/lib/products/pki/crl";
import { KEY_ALGORITHMS } from "@/lib/products/pki/x509";
import { GET as crlEndpoint } from "@/app/api/v1/pki/ca/[caId]/crl/route";
import { GET as caCertificateEndpoint } from "@/app/api/v1/pki/ca/[caId]/certificate/route";
import { expectNowhereInDatabase } from "../support/database-scan";
import { addOrgMember, addProjectMember, createUser, projectAccess } from "../support/factories";
import { file, hierarchy, memberWithRole, NO_CONSTRAINTS, openProfile, openssl, opensslFails, pkiProject } from "../support/pki";

async function crlOf(caId: string): Promise<Buffer> {
  const response = await crlEndpoint(new Request(`http://localhost/api/v1/pki/ca/${caId}/crl`), { params: Promise.resolve({ caId }) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pkix-crl");
  return Buffer.from(await response.arrayBuffer());
}

/** A TLS server on loopback with the leaf and its chain; a client trusting only the root (and given CRLs) connects. */
async function handshake(
  leaf: { certificatePem: string; chainPem: string; privateKeyPem: string },
  rootPem: string,
  crls: Buffer[] = [],
): Promise<{ authorized: boolean; error: string | null; peer: PeerCertificate }> {
  const server = createServer({ cert: leaf.certificatePem + leaf.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/)[0], key: leaf.privateKeyPem }, (socket) =>
    socket.end(),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise((resolve, reject) => {
      const socket = connect(
        {
          host: "127.0.0.1",
          port,
          servername: "api.svc.internal",
          ca: rootPem,
          crl: crls.map((der) => `-----BEGIN X509 CRL-----\n${der.toString("base64")}\n-----END X509 CRL-----\n`),
          rejectUnauthorized: false,
        },
        () => {
          resolve({
            authorized: socket.authorized,
            error: socket.authorizationError ? String(socket.authorizationError) : null,
            peer: socket.getPeerCertificate(),
          });
          socket.end();
        },
      );
      socket.on("error", reject);
    });
  } finally {
    server.close();
  }
}

describe("PKI: certificate authorities and certificates OpenSSL and TLS accept", () => {
  it.each(KEY_ALGORITHMS)(
    "root → intermediate → leaf in %s verifies with openssl, and a TLS client trusting the root accepts it",
    async (algorithm) => {
      const project = await pkiProject();
      const { intermediateId, rootPem } = await hierarchy(project, algorithm);
      const leaf = await issueCertificate(project.admin, {
        ...project.ref,
        profileId: await openProfile(project, intermediateId),
        commonName: "api.svc.internal",
        dnsNames: "api.svc.internal",
        ipAddresses: "127.0.0.1",
        ttlDays: 30,
        keyAlgorithm: algorithm,
      });
      const intermediatePem = leaf.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/)[0]!;
      expect(openssl("verify", "-CAfile", file(rootPem), "-untrusted", file(intermediatePem), file(leaf.certificatePem)).trim()).toMatch(/: OK$/);
      const text = openssl("x509", "-noout", "-text", "-in", file(leaf.certificatePem));
      expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
      expect(text).toMatch(/X509v3 Subject Key Identifier/);
      expect(text).toMatch(/X509v3 Authority Key Identifier/);
      expect(text).toContain(`URI:http://localhost:3000/api/v1/pki/ca/${intermediateId}/crl`);
      expect(text).toContain(`CA Issuers - URI:http://localhost:3000/api/v1/pki/ca/${intermediateId}/certificate`);
      const caText = openssl("x509", "-noout", "-text", "-in", file(intermediatePem));
      expect(caText).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
      expect(caText).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
      const serial = /Serial Number:\s*\n?\s*([0-9a-f:]+)/i.exec(text)![1]!.replace(/:/g, "");
      expect(serial.length).toBeLessThanOrEqual(40);
      const result = await handshake({ ...leaf, privateKeyPem: leaf.privateKeyPem! }, rootPem);
      expect(result).toMatchObject({ authorized: true, error: null });
    },
    60_000,
  );

  it("revocation: the public CRL lists the serial with its reason, its number goes up, next-update is ahead; openssl and TLS refuse the certificate", async () => {
    const project = await pkiProject();
    const { rootId, intermediateId, rootPem } = await hierarchy(project);
    const leaf = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "api.svc.internal",
      dnsNames: "api.svc.internal",
      ttlDays: 30,
    });
    const before = openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(await crlOf(intermediateId)));
    const numberBefore = Number(/CRL Number:\s*\n?\s*(\d+)/.exec(before)![1]);

    // Outside a request the signing that follows the answer runs before revokeCertificate returns.
    await revokeCertificate(project.admin, { ...project.ref, certificateId: leaf.certificateId, reason: "keyCompromise" });
    const crl = await crlOf(intermediateId);
    const text = openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(crl));
    const serial = openssl("x509", "-noout", "-serial", "-in", file(leaf.certificatePem)).trim().replace("serial=", "");
    expect(text.toUpperCase()).toContain(serial.toUpperCase());
    expect(text).toMatch(/Key Compromise/);
    expect(Number(/CRL Number:\s*\n?\s*(\d+)/.exec(text)![1])).toBe(numberBefore + 1);
    const nextUpdate = new Date(/Next Update: (.+)/.exec(text)![1]!);
    expect(nextUpdate.getTime()).toBeGreaterThan(Date.now() + 86_400_000);

    const pemCrl = (der: Buffer) => `-----BEGIN X509 CRL-----\n${der.toString("base64")}\n-----END X509 CRL-----\n`;
    const trust = file(rootPem + pemCrl(await crlOf(rootId)) + pemCrl(crl));
    const intermediatePem = leaf.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/)[0]!;
    expect(opensslFails("verify", "-crl_check_all", "-CAfile", trust, "-untrusted", file(intermediatePem), file(leaf.certificatePem))).toMatch(
      /certificate revoked/,
    );
    const result = await handshake({ ...leaf, privateKeyPem: leaf.privateKeyPem! }, rootPem, [await crlOf(rootId), crl]);
    expect(result).toMatchObject({ authorized: false, error: "CERT_REVOKED" });
    await expect(revokeCertificate(project.admin, { ...project.ref, certificateId: leaf.certificateId, reason: "superseded" })).rejects.toBeInstanceOf(
      RefusedError,
    );

    // The sweep re-signs a CRL nearing its next-update, exactly once however many run at once.
    await db().certificateAuthority.update({ where: { id: intermediateId }, data: { crlNextUpdate: new Date(Date.now() + 60_000) } });
    await Promise.all([resignDueCrls(), resignDueCrls(), resignDueCrls()]);
    const resigned = await db().certificateAuthority.findUniqueOrThrow({ where: { id: intermediateId }, select: { crlNumber: true, crlNextUpdate: true } });
    expect(resigned.crlNumber).toBe(numberBefore + 2);
    expect(resigned.crlNextUpdate!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await db().auditEvent.count({ where: { action: "pki.crl-signed", targetId: intermediateId } })).toBe(1);
    // A certificate revoked before CRL entries were kept gets its entry at the next signing, the same bytes, and stays listed.
    const { crlEntry } = await db().certificate.findUniqueOrThrow({ where: { id: leaf.certificateId }, select: { crlEntry: true } });
    expect(crlEntry?.length).toBeGreaterThan(0);
    await db().certificate.update({ where: { id: leaf.certificateId }, data: { crlEntry: null } });
    await db().certificateAuthority.update({ where: { id: intermediateId }, data: { crlNextUpdate: new Date(Date.now() + 60_000) } });
    await resignDueCrls();
    expect((await db().certificate.findUniqueOrThrow({ where: { id: leaf.certificateId }, select: { crlEntry: true } })).crlEntry).toEqual(crlEntry);
    const again = await crlOf(intermediateId);
    expect(openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(again)).toUpperCase()).toContain(serial.toUpperCase());
    expect(
      opensslFails(
        "verify",
        "-crl_check_all",
        "-CAfile",
        file(rootPem + pemCrl(await crlOf(rootId)) + pemCrl(again)),
        "-untrusted",
        file(intermediatePem),
        file(leaf.certificatePem),
      ),
    ).toMatch(/certificate revoked/);
    // The CA certificate is public too; unknown ids are not found.
    const caResponse = await caCertificateEndpoint(new Request("http://localhost/"), { params: Promise.resolve({ caId: intermediateId }) });
    expect(caResponse.headers.get("content-type")).toBe("application/pkix-cert");
    expect(openssl("x509", "-inform", "DER", "-noout", "-subject", "-in", file(Buffer.from(await caResponse.arrayBuffer())))).toContain(
      "Tessera Issuing EC_P256",
    );
    expect((await crlEndpoint(new Request("http://localhost/"), { params: Promise.resolve({ caId: "00000000-0000-0000-0000-000000000000" }) })).status).toBe(
      404,
    );
    expect((await crlEndpoint(new Request("http://localhost/"), { params: Promise.resolve({ caId: "../../etc" }) })).status).toBe(404);
  }, 60_000);

  it("revocations that arrive while a CRL is being signed are covered by one more signing, not one each", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const numberOf = async () => (await db().certificateAuthority.findUniqueOrThrow({ where: { id: intermediateId } })).crlNumber;
    const before = await numberOf();
    // Five at once, as after a burst of revocations: the first signs, the other four wait for one more.
    await Promise.all(Array.from({ length: 5 }, () => resignCrlSoon(intermediateId)));
    expect(await numberOf()).toBe(before + 2);
    // A revocation after that burst gets a signing of its own, which lists it.
    const leaf = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "late.svc.internal",
      ttlDays: 7,
    });
    await revokeCertificate(project.admin, { ...project.ref, certificateId: leaf.certificateId, reason: "superseded" });
    expect(await numberOf()).toBe(before + 3);
    const serial = openssl("x509", "-noout", "-serial", "-in", file(leaf.certificatePem)).trim().replace("serial=", "");
    expect(openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(await crlOf(intermediateId))).toUpperCase()).toContain(serial.toUpperCase());
  }, 60_000);

  it("a revocation whose signing never ran (the process stopped after the commit) is listed by the next sweep", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const leaf = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "orphan.svc.internal",
      ttlDays: 7,
    });
    // What a revocation's commit leaves when nothing follows it: the row revoked, no CRL listing it.
    await db().certificate.update({ where: { id: leaf.certificateId }, data: { revokedAt: new Date(), revocationReason: "keyCompromise" } });
    const serial = openssl("x509", "-noout", "-serial", "-in", file(leaf.certificatePem)).trim().replace("serial=", "");
    expect(openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(await crlOf(intermediateId))).toUpperCase()).not.toContain(serial.toUpperCase());
    expect(await resignDueCrls()).toBeGreaterThanOrEqual(1);
    expect(openssl("crl", "-inform", "DER", "-noout", "-text", "-in", file(await crlOf(intermediateId))).toUpperCase()).toContain(serial.toUpperCase());
    expect((await db().certificate.findUniqueOrThrow({ where: { id: leaf.certificateId } })).crlListed).toBe(true);
    // Listed: the sweep has nothing more to sign for it.
    const number = (await db().certificateAuthority.findUniqueOrThrow({ where: { id: intermediateId } })).crlNumber;
    await resignDueCrls();
    expect((await db().certificateAuthority.findUniqueOrThrow({ where: { id: intermediateId } })).crlNumber).toBe(number);
  }, 60_000);

  it.each(["EC_P384", "RSA_2048", "ED25519"] as const)(
    "a CRL signed by a %s CA verifies with openssl",
    async (algorithm) => {
      const project = await pkiProject();
      const { intermediateId } = await hierarchy(project, algorithm);
      const leaf = await issueCertificate(project.admin, {
        ...project.ref,
        profileId: await openProfile(project, intermediateId),
        commonName: "api.svc.internal",
        ttlDays: 7,
      });
      await revokeCertificate(project.admin, { ...project.ref, certificateId: leaf.certificateId, reason: "cessationOfOperation" });
      const issuing = (await getCa(project.admin, { ...project.ref, caId: intermediateId })).certificatePem!;
      const output = execFileSync("openssl", ["crl", "-inform", "DER", "-in", file(await crlOf(intermediateId)), "-CAfile", file(issuing), "-noout", "-text"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(output).toMatch(/Cessation Of Operation/);
      const verified = execFileSync("sh", ["-c", `openssl crl -inform DER -in ${file(await crlOf(intermediateId))} -CAfile ${file(issuing)} -noout 2>&1`], {
        encoding: "utf8",
      });
      expect(verified.trim()).toBe("verify OK");
    },
    60_000,
  );

  it("name constraints: a CSR for a name outside them is refused naming it; a bad CSR signature and a child outliving its parent are refused", async () => {
    const project = await pkiProject();
    const { rootId, intermediateId } = await hierarchy(project, "EC_P256", { permittedDnsNames: "svc.internal", permittedIpRanges: "10.0.0.0/8" });
    const key = file("");
    const csr = file("");
    openssl(
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      "/CN=evil.example.com",
      "-addext",
      "subjectAltName=DNS:evil.example.com",
      "-keyout",
      key,
      "-out",
      csr,
    );
    await expect(
      issueCertificate(project.admin, { ...project.ref, profileId: await openProfile(project, intermediateId), csr: readFileSync(csr, "utf8"), ttlDays: 30 }),
    ).rejects.toMatchObject({
      fieldErrors: { commonName: [expect.stringContaining("evil.example.com is outside the names Root EC_P256 may certify")] },
    });
    await expect(
      issueCertificate(project.admin, {
        ...project.ref,
        profileId: await openProfile(project, intermediateId),
        commonName: "db.svc.internal",
        ipAddresses: "192.168.1.1",
        ttlDays: 30,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringContaining("192.168.1.1")] },
    });
    // From the CSR: its names are used; inside the constraints it is signed for the CSR's key.
    const goodCsr = file("");
    openssl(
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=web.svc.internal",
      "-addext",
      "subjectAltName=DNS:web.svc.internal,IP:10.2.3.4",
      "-keyout",
      file(""),
      "-out",
      goodCsr,
    );
    const fromCsr = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      csr: readFileSync(goodCsr, "utf8"),
      ttlDays: 30,
    });
    expect(fromCsr.privateKeyPem).toBeNull();
    expect(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file(fromCsr.certificatePem))).toMatch(/DNS:web\.svc\.internal, IP Address:10\.2\.3\.4/);

    // One bit of the signature flipped: refused at the field.
    const der = Buffer.from(
      readFileSync(goodCsr, "utf8")
        .replace(/-----[^-]+-----/g, "")
        .replace(/\s+/g, ""),
      "base64",
    );
    der[der.length - 3]! ^= 0x01;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(
      issueCertificate(project.admin, { ...project.ref, profileId: await openProfile(project, intermediateId), csr: tampered, ttlDays: 30 }),
    ).rejects.toMatchObject({
      fieldErrors: { csr: [expect.stringMatching(/valid signature/)] },
    });

    await expect(
      createIntermediateCa(project.admin, {
        ...project.ref,
        parentId: rootId,
        name: "Too long",
        commonName: "Too long",
        keyAlgorithm: "EC_P256",
        validityDays: 4000,
        maxPathLength: 0,
        ...NO_CONSTRAINTS,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { validityDays: [expect.stringMatching(/outlive Root EC_P256/)] },
    });
    await expect(
      issueCertificate(project.admin, { ...project.ref, profileId: await openProfile(project, intermediateId), commonName: "api.svc.internal", ttlDays: 400 }),
    ).rejects.toMatchObject({ fieldErrors: { ttlDays: [expect.stringMatching(/outlive/)] } });
    // Path length 0 below the intermediate: no further CA.
    await expect(
      createIntermediateCa(project.admin, {
        ...project.ref,
        parentId: intermediateId,
        name: "Too deep",
        commonName: "Too deep",
        keyAlgorithm: "EC_P256",
        validityDays: 30,
        maxPathLength: "",
        ...NO_CONSTRAINTS,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { parentId: [expect.stringMatching(/path length is 0/)] },
    });
    // A disabled CA issues nothing.
    await setCaEnabled(project.admin, { ...project.ref, caId: intermediateId, enabled: false });
    await expect(
      issueCertificate(project.admin, { ...project.ref, profileId: await openProfile(project, intermediateId), commonName: "api.svc.internal", ttlDays: 30 }),
    ).rejects.toMatchObject({
      fieldErrors: { profileId: [expect.stringMatching(/disabled/)] },
    });
  }, 60_000);

  it("an intermediate signed outside: its CSR is signed by an openssl root, imported, and what it issues verifies against that root", async () => {
    const project = await pkiProject();
    const { caId, csrPem } = await createIntermediateCa(project.admin, {
      ...project.ref,
      name: "Signed outside",
      commonName: "Outside Issuing",
      keyAlgorithm: "EC_P384",
      validityDays: 365,
      maxPathLength: 0,
      ...NO_CONSTRAINTS,
    });
    const rootKey = file("");
    const rootPem = file("");
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      "/CN=Offline Root",
      "-days",
      "3650",
      "-keyout",
      rootKey,
      "-out",
      rootPem,
    );
    const extensions = file(
      "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nnameConstraints=critical,permitted;DNS:corp.internal\n",
    );
    const signed = file("");
    openssl("x509", "-req", "-in", file(csrPem!), "-CA", rootPem, "-CAkey", rootKey, "-CAcreateserial", "-days", "365", "-extfile", extensions, "-out", signed);
    // Another key's certificate is refused; so is a chain that does not lead to the root.
    const stranger = file("");
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      "/CN=Stranger",
      "-days",
      "30",
      "-keyout",
      file(""),
      "-out",
      stranger,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
    );
    await expect(
      importCaCertificate(project.admin, { ...project.ref, caId, certificate: readFileSync(stranger, "utf8"), chain: readFileSync(stranger, "utf8") }),
    ).rejects.toMatchObject({ fieldErrors: { certificate: [expect.stringMatching(/another key/)] } });
    await expect(
      importCaCertificate(project.admin, { ...project.ref, caId, certificate: readFileSync(signed, "utf8"), chain: readFileSync(stranger, "utf8") }),
    ).rejects.toMatchObject({ fieldErrors: { certificate: [expect.stringMatching(/not signed by/)] } });
    await importCaCertificate(project.admin, { ...project.ref, caId, certificate: readFileSync(signed, "utf8"), chain: readFileSync(rootPem, "utf8") });

    const ca = await getCa(project.admin, { ...project.ref, caId });
    expect(ca).toMatchObject({ status: "ACTIVE", permittedDnsNames: ["corp.internal"], maxPathLength: 0, csrPem: null });
    const leaf = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, caId),
      commonName: "git.corp.internal",
      dnsNames: "git.corp.internal",
      ttlDays: 30,
    });
    expect(openssl("verify", "-CAfile", rootPem, "-untrusted", file(ca.certificatePem!), file(leaf.certificatePem)).trim()).toMatch(/: OK$/);
    // Its full chain runs from the certificate up to the outside root; the CA chain leaves the certificate out.
    const fullchain = await certificateFile(project.admin, { ...project.ref, certificateId: leaf.certificateId, file: "fullchain" });
    expect(fullchain.filename).toBe("git.corp.internal-fullchain.pem");
    expect(
      Buffer.from(fullchain.base64, "base64")
        .toString()
        .match(/BEGIN CERTIFICATE/g),
    ).toHaveLength(3);
    const chain = await certificateFile(project.admin, { ...project.ref, certificateId: leaf.certificateId, file: "chain" });
    expect(chain.filename).toBe("git.corp.internal.chain.pem");
    expect(Buffer.from(chain.base64, "base64").toString()).toBe(ca.chainPem);
    // The imported constraints hold here too, before signing.
    await expect(
      issueCertificate(project.admin, { ...project.ref, profileId: await openProfile(project, caId), commonName: "www.example.com", ttlDays: 30 }),
    ).rejects.toMatchObject({
      fieldErrors: { commonName: [expect.stringContaining("www.example.com")] },
    });
  }, 60_000);
});

describe("PKI lifecycle", () => {
  it("a CA that signed something is not deleted; the project goes with all its CAs and certificates", async () => {
    const project = await pkiProject();
    const { rootId, intermediateId } = await hierarchy(project);
    await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "api.svc.internal",
      ttlDays: 7,
    });
    await expect(deleteCa(project.admin, { ...project.ref, caId: intermediateId })).rejects.toBeInstanceOf(RefusedError);
    await expect(deleteCa(project.admin, { ...project.ref, caId: rootId })).rejects.toBeInstanceOf(RefusedError);
    await deleteProject(project.admin, { ...project.ref, confirmation: project.project.slug });
    expect(await db().certificateAuthority.count({ where: { projectId: project.project.id } })).toBe(0);
    expect(await db().certificate.count({ where: { projectId: project.project.id } })).toBe(0);
  });
});

describe("PKI permissions", () => {
  it("a role limited to *.svc.internal from one CA issues there and nowhere else, SANs included", async () => {
    const project = await pkiProject();
    const { intermediateId, rootId } = await hierarchy(project);
    const limited = await memberWithRole(project, [
      { subject: "certificate-authority", actions: ["read"] },
      {
        subject: "certificate",
        actions: ["read", "issue"],
        conditions: [
          { field: "caName", operator: "eq", value: "Issuing EC_P256" },
          { field: "name", operator: "glob", value: "*.svc.internal" },
        ],
      },
    ]);
    await expect(
      issueCertificate(limited, {
        ...project.ref,
        profileId: await openProfile(project, intermediateId),
        commonName: "api.svc.internal",
        dnsNames: "api.svc.internal",
        ttlDays: 7,
      }),
    ).resolves.toBeDefined();
    await expect(
      issueCertificate(limited, { ...project.ref, profileId: await openProfile(project, intermediateId), commonName: "db.prod.internal", ttlDays: 7 }),
    ).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringContaining("db.prod.internal")] },
    });
    await expect(
      issueCertificate(limited, {
        ...project.ref,
        profileId: await openProfile(project, intermediateId),
        commonName: "api.svc.internal",
        dnsNames: "api.svc.internal\ndb.prod.internal",
        ttlDays: 7,
      }),
    ).rejects.toMatchObject({ fieldErrors: { dnsNames: [expect.stringContaining("db.prod.internal")] } });
    await expect(
      issueCertificate(limited, { ...project.ref, profileId: await openProfile(project, rootId), commonName: "api.svc.internal", ttlDays: 7 }),
    ).rejects.toBeDefined();
    expect(await db().certificate.count({ where: { projectId: project.project.id } })).toBe(1);
  }, 60_000);

  it("a Member gets the certificate but not its kept key; the Admin's key download is audited; keys are nowhere in clear", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const issued = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "api.svc.internal",
      ttlDays: 7,
      keepPrivateKey: true,
    });
    const user = await createUser();
    await addOrgMember(project.org.id, user.id, "member");
    await addProjectMember(project.project.id, user.id, [{ role: "member" }]);
    const member = await projectAccess(user, project.org.slug, project.project.slug);
    const ref = { ...project.ref, certificateId: issued.certificateId };
    expect(Buffer.from((await certificateFile(member, { ...ref, file: "certificate" })).base64, "base64").toString()).toBe(issued.certificatePem);
    await expect(certificateFile(member, { ...ref, file: "private-key" })).rejects.toBeInstanceOf(ForbiddenError);
    const key = await certificateFile(project.admin, { ...ref, file: "private-key" });
    expect(Buffer.from(key.base64, "base64").toString()).toBe(issued.privateKeyPem);
    expect(await db().auditEvent.count({ where: { action: "pki.private-key-downloaded", targetId: issued.certificateId } })).toBe(1);
    // Renewal keeps the key kept, under a new serial; a Viewer cannot renew.
    const renewed = await renewCertificate(member, ref);
    expect(renewed.privateKeyPem).toBeNull();
    expect(renewed.certificatePem).not.toBe(issued.certificatePem);

    // The private scalar itself (the PKCS#8 also holds the public key, which certificates carry).
    const scalar = Buffer.from(createPrivateKey(issued.privateKeyPem!).export({ format: "jwk" }).d!, "base64url");
    await expectNowhereInDatabase(scalar);
  }, 60_000);

  it("the certificates list searches by common name, DNS name, IP and serial, filters by status and CA, and counts what matches", async () => {
    const project = await pkiProject();
    const { rootId, intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const issue = (commonName: string, more: object = {}) => issueCertificate(project.admin, { ...project.ref, profileId, commonName, ttlDays: 7, ...more });
    const api = await issue("api.svc.internal", { dnsNames: "api.svc.internal\napi.example.com", ipAddresses: "10.0.0.7" });
    const web = await issue("web-1.svc.internal");
    await issue("db.svc.internal");
    await revokeCertificate(project.admin, { ...project.ref, certificateId: web.certificateId, reason: "superseded" });
    const names = async (query: object) => {
      const listed = await listCertificates(project.admin, query);
      return { names: listed.rows.map((row) => row.commonName).sort(), total: listed.total };
    };
    expect(await names({})).toEqual({ names: ["api.svc.internal", "db.svc.internal", "web-1.svc.internal"], total: 3 });
    expect(await names({ q: "API.SVC" })).toEqual({ names: ["api.svc.internal"], total: 1 });
    expect(await names({ q: "api.example.com" })).toEqual({ names: ["api.svc.internal"], total: 1 });
    expect(await names({ q: "10.0.0.7" })).toEqual({ names: ["api.svc.internal"], total: 1 });
    // "_" and "%" are characters to find, not wildcards.
    expect(await names({ q: "b-1" })).toEqual({ names: ["web-1.svc.internal"], total: 1 });
    expect(await names({ q: "b_1" })).toEqual({ names: [], total: 0 });
    expect(await names({ q: "b%1" })).toEqual({ names: [], total: 0 });
    const serial = (await listCertificates(project.admin, { q: "db.svc" })).rows[0]!.serialNumber;
    expect(await names({ q: serial.slice(0, 12).toUpperCase() })).toEqual({ names: ["db.svc.internal"], total: 1 });
    expect(await names({ status: "revoked" })).toEqual({ names: ["web-1.svc.internal"], total: 1 });
    expect(await names({ status: "active" })).toEqual({ names: ["api.svc.internal", "db.svc.internal"], total: 2 });
    expect(await names({ status: "expired" })).toEqual({ names: [], total: 0 });
    expect(await names({ ca: rootId })).toEqual({ names: [], total: 0 });
    expect(await names({ ca: intermediateId, q: "svc", status: "active" })).toEqual({ names: ["api.svc.internal", "db.svc.internal"], total: 2 });
    // A page past the end still says how many there are.
    expect(await listCertificates(project.admin, { page: 5 })).toMatchObject({ rows: [], total: 3 });
    expect(api.commonName).toBe("api.svc.internal");
    // Expiring: active and ending within 30 days; one that lives longer is not.
    await issue("long.svc.internal", { ttlDays: 60 });
    expect(await names({ status: "expiring" })).toEqual({ names: ["api.svc.internal", "db.svc.internal"], total: 2 });
  }, 60_000);

  it("Viewers read but change nothing; another org's admin finds none of it", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const issued = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "api.svc.internal",
      ttlDays: 7,
    });
    const user = await createUser();
    await addOrgMember(project.org.id, user.id, "member");
    await addProjectMember(project.project.id, user.id, [{ role: "viewer" }]);
    const viewer = await projectAccess(user, project.org.slug, project.project.slug);
    expect((await listCertificates(viewer, {})).rows.map((row) => row.commonName)).toEqual(["api.svc.internal"]);
    await expect(
      issueCertificate(viewer, { ...project.ref, profileId: await openProfile(project, intermediateId), commonName: "x.svc.internal", ttlDays: 7 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeCertificate(viewer, { ...project.ref, certificateId: issued.certificateId, reason: "superseded" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      createRootCa(viewer, {
        ...project.ref,
        name: "Mine",
        commonName: "Mine",
        keyAlgorithm: "EC_P256",
        validityDays: 30,
        maxPathLength: "",
        ...NO_CONSTRAINTS,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(renewCertificate(viewer, { ...project.ref, certificateId: issued.certificateId })).rejects.toBeInstanceOf(ForbiddenError);

    const other = await pkiProject();
    await expect(
      issueCertificate(other.admin, { ...other.ref, profileId: await openProfile(project, intermediateId), commonName: "x.svc.internal", ttlDays: 7 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeCertificate(other.admin, { ...other.ref, certificateId: issued.certificateId, reason: "superseded" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(certificateFile(other.admin, { ...other.ref, certificateId: issued.certificateId, file: "certificate" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getCa(other.admin, { ...other.ref, caId: intermediateId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setCaEnabled(other.admin, { ...other.ref, caId: intermediateId, enabled: false })).rejects.toBeInstanceOf(NotFoundError);
  }, 60_000);
});
