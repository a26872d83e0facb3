"use client";

import { CopyField } from "@/components/ui/copy-link-field";
import { PemBlock } from "@/components/ui/pem-block";
import type { GrantedCredentials } from "@/lib/products/pam/requests/grant";
import { CA_FILE } from "@/lib/products/pam/vocabulary";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** A grant's connection details, shown this once: nothing on the server can show them again. */
export function CredentialsPanel({ credentials }: { credentials: GrantedCredentials }) {
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">Copy these now: Tessera does not keep the password and will not show it again.</p>
      <p>
        Login <code className="font-mono">{credentials.loginRole}</code> works until {time.format(new Date(credentials.expiresAt))}.
      </p>
      <CopyField label="psql command" value={credentials.psqlCommand} />
      <CopyField label="Connection URL" value={credentials.url} />
      {credentials.caCertificate ? (
        <PemBlock label={`The database's CA certificate: save it as ${CA_FILE} where you run psql`} pem={credentials.caCertificate} filename={CA_FILE} />
      ) : null}
    </div>
  );
}
