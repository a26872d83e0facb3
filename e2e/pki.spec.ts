import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createProject, signUpWithOrg } from "./support/flows";

async function createCa(page: Page, kind: RegExp, name: string) {
  await page.getByRole("button", { name: "Create CA" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a certificate authority" });
  await dialog.getByRole("radio", { name: kind }).check();
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Common name (CN)").fill(`${name} CN`);
  await dialog.getByLabel("Valid for (days)").fill(kind.source.includes("Root") ? "3650" : "365");
  await dialog.getByRole("button", { name: "Create CA" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** From a CA's page: its "Create profile" opens the dialog with that CA chosen. */
async function createProfile(page: Page, name: string, caLabel: string) {
  await page.getByRole("link", { name: "Create profile" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a certificate profile" });
  await expect(dialog.getByLabel("Issuing CA").locator("option:checked")).toHaveText(caLabel);
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Allowed names").fill("*.svc.internal");
  await dialog.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`^${name}`) })).toBeVisible();
}

// An admin builds a hierarchy, issues a certificate with a key made on the server, downloads
// it, revokes it, and the CA's public CRL lists it (read by openssl).
test("a PKI project: root and intermediate, a certificate issued, downloaded, revoked and on the CRL", async ({ page, request }) => {
  const { slug: orgSlug, email } = await signUpWithOrg(page, "PKI Org");
  const projectSlug = await createProject(page, orgSlug, "Internal PKI", "PKI");
  const project = `/orgs/${orgSlug}/projects/${projectSlug}`;
  // The overview's first step opens the CA dialog.
  await page.goto(project);
  await page.getByRole("link", { name: "Create your first CA" }).click();
  await expect(page.getByRole("dialog", { name: "Create a certificate authority" })).toBeVisible();
  await page.getByRole("dialog", { name: "Create a certificate authority" }).getByRole("button", { name: "Cancel" }).click();
  await page.goto(`${project}/certificate-authorities`);
  await expect(page.getByText("No certificate authorities yet.")).toBeVisible();
  await createCa(page, /^Root CA/, "Acme Root");
  await page.getByRole("link", { name: "← Certificate authorities" }).click();
  await createCa(page, /signed by a CA here/, "Acme Issuing");
  await expect(page.getByText("Intermediate CA under Acme Root")).toBeVisible();

  // Nothing is issued but through a profile: the new CA's page offers to make one first.
  await expect(page.getByRole("link", { name: "Issue certificate" })).toHaveCount(0);
  const issuingCaPage = page.url();
  await createProfile(page, "Services", "Acme Issuing");
  await page.goto(issuingCaPage);
  await page.getByRole("link", { name: "Issue certificate" }).click();
  const issue = page.getByRole("dialog", { name: "Issue a certificate" });
  await expect(issue.getByLabel("Profile").locator("option:checked")).toHaveText("Services (CA Acme Issuing)");
  // Outside the profile's names: refused at the field, nothing typed is lost.
  await issue.getByLabel("Common name (CN)").fill("api.example.com");
  await issue.getByLabel("Valid for (days)").fill("30");
  await issue.getByRole("button", { name: "Issue certificate" }).click();
  await expect(issue.getByLabel("Common name (CN)")).toHaveAccessibleDescription(/api\.example\.com is not among the names profile Services allows/);
  await issue.getByLabel("Common name (CN)").fill("api.svc.internal");
  await issue.getByLabel("DNS names").fill("api.svc.internal");
  await issue.getByLabel("Valid for (days)").fill("30");
  await issue.getByRole("button", { name: "Issue certificate" }).click();
  await expect(issue.getByText("Save the private key now")).toBeVisible();
  await expect(issue.getByLabel("Private key")).toHaveValue(/-----BEGIN PRIVATE KEY-----/);
  const certificatePem = await issue.getByLabel("Certificate", { exact: true }).inputValue();
  await issue.getByRole("button", { name: "Done" }).click();

  await page.getByRole("link", { name: "api.svc.internal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "api.svc.internal" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download certificate (pem)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("api.svc.internal.pem");
  expect(readFileSync((await download.path())!, "utf8")).toBe(certificatePem);
  // The full chain (certificate first) and the CA chain alone have names of their own.
  const downloadingFull = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download full chain (pem)" }).click();
  const fullchain = await downloadingFull;
  expect(fullchain.suggestedFilename()).toBe("api.svc.internal-fullchain.pem");
  const fullchainPem = readFileSync((await fullchain.path())!, "utf8");
  expect(fullchainPem.startsWith(certificatePem)).toBe(true);
  expect(fullchainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  const downloadingChain = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download ca chain (pem)" }).click();
  expect((await downloadingChain).suggestedFilename()).toBe("api.svc.internal.chain.pem");

  await page.getByRole("button", { name: "Revoke api.svc.internal" }).click();
  const revoke = page.getByRole("alertdialog", { name: "Revoke api.svc.internal?" });
  await expect(revoke.getByRole("button", { name: "Revoke certificate" })).toBeDisabled();
  await revoke.getByLabel("Reason").selectOption("keyCompromise");
  await revoke.getByRole("button", { name: "Revoke certificate" }).click();
  // When and why.
  await expect(page.getByText(/^Revoked on .+ UTC \(Key compromise\)$/)).toBeVisible();

  // The CA page shows its public CRL URL; anyone may fetch it, and it lists the serial.
  await page.goto(`${project}/certificate-authorities`);
  await page.getByRole("link", { name: "Acme Issuing" }).click();
  const crlUrl = new URL((await page.getByRole("link", { name: /\/crl$/ }).textContent())!);
  const work = mkdtempSync(path.join(tmpdir(), "tessera-e2e-pki-"));
  writeFileSync(path.join(work, "leaf.pem"), certificatePem);
  const serial = execFileSync("openssl", ["x509", "-noout", "-serial", "-in", path.join(work, "leaf.pem")], { encoding: "utf8" })
    .trim()
    .replace("serial=", "");
  // The CRL is signed again just after the revocation's answer: wait for the one that lists it.
  const publishedCrl = async () => {
    const crl = await request.get(crlUrl.pathname);
    expect(crl.headers()["content-type"]).toBe("application/pkix-crl");
    writeFileSync(path.join(work, "crl.der"), await crl.body());
    return execFileSync("openssl", ["crl", "-inform", "DER", "-noout", "-text", "-in", path.join(work, "crl.der")], { encoding: "utf8" });
  };
  await expect.poll(async () => (await publishedCrl()).toUpperCase()).toContain(serial.toUpperCase());
  expect(await publishedCrl()).toContain("Key Compromise");

  // The root signed the intermediate: it cannot be deleted, and says why. Its first step is an
  // intermediate; issuing straight from it needs a tick.
  await page.goto(`${project}/certificate-authorities`);
  await page.getByRole("link", { name: "Acme Root" }).click();
  await expect(page.getByRole("button", { name: "Delete CA" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Delete CA" })).toHaveAccessibleDescription(
    "It signed 0 certificates and 1 CA: disable it instead, so they stay verifiable.",
  );
  await page.getByRole("link", { name: "Create intermediate" }).click();
  const intermediate = page.getByRole("dialog", { name: "Create a certificate authority" });
  await expect(intermediate.getByLabel("Signed by").locator("option:checked")).toHaveText("Acme Root");
  await intermediate.getByRole("button", { name: "Cancel" }).click();
  await page.goto(`${project}/certificate-authorities`);
  await page.getByRole("link", { name: "Acme Root" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Root" })).toBeVisible();
  const rootPage = page.url();
  await createProfile(page, "Root leaves", "Acme Root (root)");
  await page.goto(rootPage);
  await page.getByRole("link", { name: "Issue certificate" }).click();
  const fromRoot = page.getByRole("dialog", { name: "Issue a certificate" });
  await expect(fromRoot).toContainText("This is a root CA.");
  await fromRoot.getByLabel("Common name (CN)").fill("root-leaf.svc.internal");
  await fromRoot.getByRole("button", { name: "Issue certificate" }).click();
  await expect(fromRoot.getByRole("checkbox", { name: "Issue straight from the root anyway" })).toHaveAccessibleDescription(/Tick the box/);
  await expect(fromRoot.getByLabel("Common name (CN)")).toHaveValue("root-leaf.svc.internal");
  await fromRoot.getByRole("button", { name: "Cancel" }).click();

  // The profile's page: its ACME directory, and a key for one client, shown once, then revoked.
  await page.goto(`${project}/certificate-profiles`);
  await page.getByRole("link", { name: "Services" }).click();
  await expect(page.getByLabel("ACME directory URL")).toHaveValue(/\/api\/v1\/pki\/acme\/profiles\/[0-9a-f-]{36}\/directory$/);
  await expect(page.getByText("No ACME keys yet. Make one for each client.")).toBeVisible();
  await page.getByRole("button", { name: "Make ACME key" }).click();
  const makeKey = page.getByRole("dialog", { name: "Make an ACME key" });
  await makeKey.getByLabel("Name").fill("web-1 certbot");
  await makeKey.getByRole("button", { name: "Make key" }).click();
  await expect(makeKey.getByText("Copy the HMAC key now: it is not shown again.")).toBeVisible();
  await expect(makeKey.getByLabel("EAB HMAC key")).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  await expect(makeKey.getByLabel("certbot command")).toHaveValue(/^certbot certonly --standalone --server=http.+ --eab-kid=[0-9a-f-]{36} --eab-hmac-key=/);
  await makeKey.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: /web-1 certbot/ })).toContainText("Active");
  await page.getByRole("button", { name: "Revoke ACME key web-1 certbot" }).click();
  await page.getByRole("alertdialog", { name: "Revoke the ACME key web-1 certbot?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /web-1 certbot/ })).toContainText("Revoked");

  // Expiry alerts: days that make no sense are refused at the field; the owner is mailed.
  await page.goto(`${project}/certificates`);
  await page.getByRole("button", { name: "Expiry alerts" }).click();
  const alerts = page.getByRole("dialog", { name: "Expiry alerts" });
  await alerts.getByLabel("Days before the end").fill("30, 0");
  const recipients = alerts.getByRole("combobox", { name: "People to mail" });
  await recipients.fill(email);
  await expect(alerts.getByRole("listbox", { name: "People to mail: matches" }).getByRole("option")).toHaveCount(1);
  await recipients.press("Enter");
  await alerts.getByRole("button", { name: "Save alerts" }).click();
  await expect(alerts.getByLabel("Days before the end")).toHaveAccessibleDescription(/"0" is not a whole number of days from 1 to 365/);
  await alerts.getByLabel("Days before the end").fill("30, 7");
  await alerts.getByRole("button", { name: "Save alerts" }).click();
  await expect(alerts).toBeHidden();
  await expect(page.getByText("Expiry alerts: 30 and 7 days before the end, to 1 person.")).toBeVisible();
  await page.getByRole("button", { name: "Expiry alerts" }).click();
  await expect(alerts.getByLabel("Days before the end")).toHaveValue("30, 7");
  await expect(alerts.getByRole("list", { name: "People to mail: chosen" })).toContainText("Ada Lovelace");
  await alerts.getByRole("button", { name: "Cancel" }).click();

  // The list filters by status.
  await page.goto(`${project}/certificates?status=revoked`);
  await expect(page.getByRole("row", { name: /api\.svc\.internal/ })).toContainText("Revoked");
  await page.goto(`${project}/certificates?status=active`);
  await expect(page.getByText("No certificates match these filters.")).toBeVisible();
});
