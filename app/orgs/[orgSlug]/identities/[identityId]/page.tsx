import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateClientSecretDialog, RevokeClientSecretButton } from "@/components/identities/client-secrets";
import { RevokeAccessTokenButton } from "@/components/identities/access-tokens";
import { DeleteIdentityButton } from "@/components/identities/delete-identity";
import { IdentitySettingsForm } from "@/components/identities/identity-settings-form";
import { UniversalAuthForm } from "@/components/identities/universal-auth-form";
import { AddIdentityToProjectDialog } from "@/components/identities/add-to-project-dialog";
import { UseIdentityPanel } from "@/components/identities/use-identity-panel";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { env } from "@/lib/platform/env";
import { NotFoundError } from "@/lib/platform/errors";
import { formatDuration } from "@/lib/platform/format-duration";
import { getIdentity, LIVE_TOKENS_SHOWN } from "@/lib/platform/identities/get-identity";
import { roleOptions } from "@/lib/platform/roles/list-roles";
import { orgRoleScope } from "@/lib/platform/roles/scope";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ orgSlug: string; identityId: string }> };

export const metadata: Metadata = { title: "Machine identity" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function IdentityPage({ params }: Props) {
  const { orgSlug, identityId } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("identity:read")) notFound();
  const [identity, roles] = await Promise.all([
    getIdentity(access, { orgSlug, identityId }).catch((error: unknown) => {
      if (error instanceof NotFoundError || (error instanceof Error && error.name === "ZodError")) notFound();
      throw error;
    }),
    roleOptions(orgRoleScope(access)),
  ]);
  const ref = { orgSlug: access.org.slug, identityId: identity.identityId };
  const manage = access.can("identity:manage-auth");
  // The roles the viewer may give, and the one it holds even if the viewer could not give it
  // (saving then keeps it, and the server refuses a change the viewer has no authority for).
  const roleChoices = roles.grantable.some(({ slug }) => slug === identity.role)
    ? roles.grantable.map(({ slug, label }) => ({ slug, label }))
    : [{ slug: identity.role, label: roles.nameOf(identity.role) }, ...roles.grantable.map(({ slug, label }) => ({ slug, label }))];
  const origin = env().NEXTAUTH_URL ?? "https://tessera.example.com";
  return (
    <section aria-labelledby="identity-heading" className="flex flex-col gap-6">
      <PageHeader
        id="identity-heading"
        back={{ href: `/orgs/${access.org.slug}/identities`, label: "Machine identities" }}
        title={identity.name}
        description={
          <>
            Machine identity · {roles.nameOf(identity.role)} in the organization{identity.deleteProtection ? " · protected from deletion" : ""}
          </>
        }
        actions={
          access.can("member:read") ? (
            <Link href={`/orgs/${access.org.slug}/members/${identityId}`} className="text-sm text-brand-700 hover:underline">
              Groups and what they give
            </Link>
          ) : null
        }
      />

      {access.can("identity:edit") ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <IdentitySettingsForm {...ref} name={identity.name} role={identity.role} deleteProtection={identity.deleteProtection} roles={roleChoices} />
        </section>
      ) : null}

      <section aria-labelledby="auth-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <h2 id="auth-heading" className="text-base font-semibold">
            Universal Auth
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Client ID <code className="font-mono text-xs">{identity.clientId}</code>: with a client secret, it logs in for an access token.
          </p>
        </div>
        {manage ? (
          <UniversalAuthForm {...ref} settings={identity.settings} />
        ) : (
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
            <dt className="text-slate-600">Access token TTL</dt>
            <dd>
              {formatDuration(identity.settings.accessTokenTtlSeconds)}, renewable up to {formatDuration(identity.settings.accessTokenMaxTtlSeconds)}
            </dd>
            <dt className="text-slate-600">Max uses per token</dt>
            <dd>{identity.settings.accessTokenMaxUses || "No limit"}</dd>
            <dt className="text-slate-600">Logins allowed from</dt>
            <dd>{identity.settings.loginTrustedIps.join(", ")}</dd>
            <dt className="text-slate-600">Tokens usable from</dt>
            <dd>{identity.settings.tokenTrustedIps.join(", ")}</dd>
            <dt className="text-slate-600">Lockout</dt>
            <dd>
              {identity.settings.lockoutThreshold
                ? `after ${identity.settings.lockoutThreshold} failed logins, for ${formatDuration(identity.settings.lockoutSeconds)}`
                : "Never"}
            </dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="secrets-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="secrets-heading" className="text-base font-semibold">
            Client secrets
          </h2>
          {manage ? <CreateClientSecretDialog {...ref} /> : null}
        </div>
        {identity.clientSecrets.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
            No client secrets yet: the identity cannot log in until it has one.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {identity.clientSecrets.map((secret) => (
              <li key={secret.id} aria-label={`Client secret …${secret.hint}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  <span className="font-mono">…{secret.hint}</span> {secret.description ? `· ${secret.description}` : ""}
                  <span className="block text-xs text-slate-600">
                    Created {dateFormat.format(secret.createdAt)} UTC · {secret.useCount} {secret.useCount === 1 ? "login" : "logins"}
                    {secret.maxUses ? ` of ${secret.maxUses}` : ""} ·{" "}
                    {secret.lastUsedAt ? `last used ${dateFormat.format(secret.lastUsedAt)} UTC` : "never used"}
                    {secret.expiresAt ? ` · expires ${dateFormat.format(secret.expiresAt)} UTC` : ""}
                  </span>
                </span>
                {secret.revokedAt ? (
                  <span className="text-xs text-red-700">Revoked: {secret.revokedReason}</span>
                ) : manage ? (
                  <RevokeClientSecretButton {...ref} clientSecretId={secret.id} hint={secret.hint} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
        <h2 id="tokens-heading" className="text-base font-semibold">
          Live access tokens
        </h2>
        {identity.liveTokens.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
            No live access tokens: nothing is logged in as this identity now.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {identity.liveTokens.map((token) => {
              const label = `issued ${dateFormat.format(token.createdAt)} UTC (…${token.id.slice(-4)})`;
              return (
                <li key={token.id} aria-label={`Access token ${label}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <span>
                    Issued {dateFormat.format(token.createdAt)} UTC <span className="font-mono text-xs text-slate-500">…{token.id.slice(-4)}</span>
                    <span className="block text-xs text-slate-600">
                      Expires {dateFormat.format(token.expiresAt)} UTC (renewable to {dateFormat.format(token.maxExpiresAt)} UTC)
                      {token.maxUses ? ` · ${token.useCount} of ${token.maxUses} uses` : ""} ·{" "}
                      {token.lastUsedAt ? `last used ${dateFormat.format(token.lastUsedAt)} UTC` : "not used yet"}
                    </span>
                  </span>
                  {manage ? <RevokeAccessTokenButton {...ref} accessTokenId={token.id} label={label} /> : null}
                </li>
              );
            })}
          </ul>
        )}
        {identity.liveTokens.length === LIVE_TOKENS_SHOWN ? <p className="text-xs text-slate-600">The {LIVE_TOKENS_SHOWN} newest are shown.</p> : null}
      </section>

      <section aria-labelledby="projects-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="projects-heading" className="text-base font-semibold">
            Projects
          </h2>
          <AddIdentityToProjectDialog {...ref} name={identity.name} inProjects={identity.projects.map((project) => project.id)} />
        </div>
        {identity.projects.length === 0 ? (
          <p className="text-sm text-slate-600">In no project yet: it reads nothing until it has a role in one.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {identity.projects.map((project) => (
              <li key={project.slug} aria-label={project.name}>
                {project.name}: {project.roles.join(", ")} · project id <code className="font-mono text-xs">{project.id}</code>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="use-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="use-heading" className="text-base font-semibold">
          Use it
        </h2>
        <UseIdentityPanel
          origin={origin}
          clientId={identity.clientId}
          projects={identity.projects
            .filter((project) => project.type === "SECRET_MANAGER")
            .map(({ id, name, environment, readsValues }) => ({ id, name, environment, readsValues }))}
        />
      </section>
      {access.can("identity:delete") && !identity.deleteProtection ? (
        // Last on the page, not beside its title: on a phone it would be the first control.
        <section aria-labelledby="danger-heading" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-white p-4">
          <div>
            <h2 id="danger-heading" className="text-base font-semibold text-red-800">
              Delete this identity
            </h2>
            <p className="mt-1 text-sm text-slate-600">Whatever logs in with it stops working at once.</p>
          </div>
          <DeleteIdentityButton {...ref} name={identity.name} />
        </section>
      ) : null}
    </section>
  );
}
