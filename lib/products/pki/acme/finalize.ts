import "server-only";
import { isIP } from "node:net";
import { assertWithinPlan } from "../../../platform/billing/limits.ts";
import { db, directRunner, prismaRunner } from "../../../platform/db.ts";
import { RefusedError, ValidationError } from "../../../platform/errors.ts";
import { uuid7 } from "../../../platform/uuid7.ts";
import { chainPemOf, issuerChainOf } from "../authorities/issuer-chain.ts";
import { DAY_MS } from "../authorities/queries.ts";
import { issuePlan } from "../certificates/issue-plan.ts";
import { signFor, storeCertificate } from "../certificates/sign.ts";
import { normalizeDnsName } from "../dns-names.ts";
import { keyAlgorithmOf, toPem, verifiedCsr, x509 } from "../x509.ts";
import { recordAcmeEvent, type AcmeAnswer, type AcmeContext } from "./context.ts";
import type { AcmeAccountRow } from "./jws.ts";
import { getOrder, orderOf, type Identifier } from "./orders.ts";
import { AcmeProblem } from "./problems.ts";

/** Issued certificates leave a little room before their CA's own end. */
const CA_MARGIN_MS = 5 * 60_000;

/** The CSR's names, which must be exactly the order's identifiers (RFC 8555 section 7.4). */
async function csrFor(encoded: unknown, identifiers: Identifier[]) {
  if (typeof encoded !== "string" || !/^[A-Za-z0-9_-]+$/.test(encoded))
    throw new AcmeProblem("malformed", "csr must be the base64url DER of a PKCS#10 request.");
  const csr = await verifiedCsr(toPem(Buffer.from(encoded, "base64url"), "CERTIFICATE REQUEST"));
  if (!csr) throw new AcmeProblem("badCSR", "The CSR is not a PKCS#10 request with a valid signature.");
  const keyAlgorithm = keyAlgorithmOf(csr.publicKey);
  if (!keyAlgorithm) throw new AcmeProblem("badCSR", "The CSR's key is not one Tessera issues for: EC P-256 or P-384, RSA 2048 or 4096, Ed25519.");
  const san = csr.extensions.find((extension) => extension instanceof x509.SubjectAlternativeNameExtension);
  const requested = san ? san.names.toJSON() : [];
  const commonName = csr.subjectName.getField("CN")[0];
  const asked = new Set([
    ...requested.filter((name) => name.type === "dns").map((name) => `dns:${normalizeDnsName(name.value) ?? name.value}`),
    ...requested.filter((name) => name.type === "ip").map((name) => `ip:${name.value}`),
    ...(commonName ? [isIP(commonName) ? `ip:${commonName}` : `dns:${normalizeDnsName(commonName) ?? commonName}`] : []),
  ]);
  const ordered = new Set(identifiers.map((one) => `${one.type}:${one.value}`));
  const extra = [...asked].find((name) => !ordered.has(name));
  const missing = [...ordered].find((name) => !asked.has(name));
  if (extra || missing || requested.some((name) => name.type !== "dns" && name.type !== "ip")) {
    throw new AcmeProblem(
      "badCSR",
      `The CSR must name exactly the order's identifiers (${identifiers.map((one) => one.value).join(", ")})${extra ? `: ${extra.slice(extra.indexOf(":") + 1)} is not one` : missing ? `: ${missing.slice(missing.indexOf(":") + 1)} is missing` : ""}.`,
    );
  }
  const names = {
    commonName: commonName ?? identifiers[0]!.value,
    dnsNames: identifiers.filter((one) => one.type === "dns").map((one) => one.value),
    ipAddresses: identifiers.filter((one) => one.type === "ip").map((one) => one.value),
    emailAddresses: [],
  };
  return { csr, keyAlgorithm, names };
}

/**
 * finalize (RFC 8555 section 7.4): a ready order's CSR is issued through the profile as it
 * stands now, like any other certificate (plan, profile, CA chain, CRL), for the profile's
 * longest validity (never past the CA's own end). A refusal leaves the order ready.
 */
export async function finalizeOrder(
  context: AcmeContext,
  account: AcmeAccountRow,
  orderId: string,
  payload: Record<string, unknown> | null,
): Promise<AcmeAnswer> {
  const order = await orderOf(db(), account, orderId);
  if (order.status !== "ready")
    throw new AcmeProblem("orderNotReady", `The order is ${order.status}, not ready: every authorization must be valid first.`, 403);
  if (order.expiresAt <= new Date()) throw new AcmeProblem("orderNotReady", "The order expired: place a new one.", 403);
  const identifiers = order.identifiers as Identifier[];
  const { csr, keyAlgorithm, names } = await csrFor(payload?.csr, identifiers);
  const certificateId = uuid7();
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.acmeOrder.updateMany({ where: { id: order.id, status: "ready" }, data: { status: "processing" } });
      if (count === 0) throw new AcmeProblem("orderNotReady", "The order is being finalized already.", 403);
      await assertWithinPlan(tx, context.project.orgId, "certificatesPerMonth");
      const issuer = await issuerChainOf(prismaRunner(tx), context.project.id, context.profile.caId);
      const [ca] = issuer.chain;
      if (!ca.notAfter) throw new AcmeProblem("serverInternal", "The profile's CA has no certificate yet.", 500);
      const ttl = Math.min(context.profile.maxValidityDays * DAY_MS, ca.notAfter.getTime() - Date.now() - CA_MARGIN_MS);
      const plan = issuePlan(context.profile, { names, keyAlgorithm, validityDays: Math.ceil(ttl / DAY_MS), keyFrom: "csr" });
      const { certificate } = await signFor(
        issuer,
        { ...plan.names, keyUsages: plan.keyUsages, extendedKeyUsages: plan.extendedKeyUsages },
        ttl,
        csr.publicKey,
      );
      const serialNumber = certificate.serialNumber.toLowerCase();
      await storeCertificate(tx, {
        id: certificateId,
        projectId: context.project.id,
        caId: ca.id,
        profileId: context.profile.id,
        plan: { ...plan.names, keyUsages: plan.keyUsages, extendedKeyUsages: plan.extendedKeyUsages },
        keyAlgorithm,
        certificate,
      });
      await tx.acmeOrder.update({ where: { id: order.id }, data: { status: "valid", certificateId } });
      await recordAcmeEvent(tx, context, account, {
        action: "pki.acme-certificate-issued",
        target: { type: "certificate", id: certificateId, label: plan.names.commonName },
        metadata: { ca: ca.name, serialNumber, names: [...plan.names.dnsNames, ...plan.names.ipAddresses], order: order.id },
      });
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      const message = Object.values(error.fieldErrors).flat()[0] ?? "The profile does not allow this certificate.";
      throw new AcmeProblem("badCSR", message);
    }
    if (error instanceof RefusedError) throw new AcmeProblem("unauthorized", error.message, 403);
    throw error;
  }
  return { ...(await getOrder(context, account, orderId)), location: context.urls.order(order.id) };
}

/** The certificate of one of this account's orders, with its chain up to the root (PEM). */
export async function downloadCertificate(context: AcmeContext, account: AcmeAccountRow, certificateId: string): Promise<AcmeAnswer> {
  const order = /^[0-9a-f-]{36}$/.test(certificateId)
    ? await db().acmeOrder.findFirst({ where: { certificateId, accountId: account.id }, select: { id: true } })
    : null;
  const row = order ? await db().certificate.findUnique({ where: { id: certificateId }, select: { certificate: true, caId: true } }) : null;
  if (!row) throw new AcmeProblem("malformed", "There is no such certificate for this account.", 404);
  const pem = toPem(row.certificate, "CERTIFICATE") + chainPemOf(await issuerChainOf(directRunner, context.project.id, row.caId));
  return { status: 200, pem };
}
