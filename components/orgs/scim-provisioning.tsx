import { CopyField } from "@/components/ui/copy-link-field";
import type { ScimTokenView } from "@/lib/platform/scim/tokens";
import { CreateScimTokenDialog, RevokeScimTokenButton } from "./scim-token-controls";

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function status(token: ScimTokenView, now: Date): string {
  if (token.revokedAt) return `Revoked ${day.format(token.revokedAt)}`;
  if (token.expiresAt && token.expiresAt <= now) return `Expired ${day.format(token.expiresAt)}`;
  return token.expiresAt ? `Expires ${day.format(token.expiresAt)}` : "Never expires";
}

/** The org's SCIM base URL and its provisioning tokens, newest first, with when each was last used. */
export function ScimProvisioning({ orgSlug, baseUrl, tokens }: { orgSlug: string; baseUrl: string; tokens: ScimTokenView[] }) {
  const now = new Date();
  return (
    <div className="flex flex-col gap-4 text-sm">
      <p>
        Your identity provider (Okta, Microsoft Entra ID, …) creates, updates, deactivates and removes members and groups here through SCIM 2.0. People and
        groups it provisions are marked in Tessera and changed only there; their roles are still given here.
      </p>
      <span className="flex flex-col gap-1">
        <span className="text-xs font-medium">SCIM base URL (tenant URL)</span>
        <CopyField value={baseUrl} label="SCIM base URL" />
      </span>
      {tokens.length === 0 ? (
        <p className="text-slate-500">No provisioning tokens yet.</p>
      ) : (
        <table className="w-full text-left">
          <caption className="sr-only">Provisioning tokens</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1">
                Name
              </th>
              <th scope="col">Made by</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-t border-slate-100">
                <td className="py-2">{token.name}</td>
                <td>
                  {token.createdBy ?? "a former member"}, {day.format(token.createdAt)}
                </td>
                <td>{token.lastUsedAt ? day.format(token.lastUsedAt) : "Never"}</td>
                <td>{status(token, now)}</td>
                <td className="text-right">{token.revokedAt ? null : <RevokeScimTokenButton orgSlug={orgSlug} tokenId={token.id} name={token.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>
        <CreateScimTokenDialog orgSlug={orgSlug} baseUrl={baseUrl} />
      </div>
    </div>
  );
}
