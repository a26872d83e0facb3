"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { CopyField } from "@/components/ui/copy-link-field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useSaveForm } from "@/components/ui/use-save-form";
import { saveSsoConnectionAction, setSsoActiveAction, setSsoEnforcedAction, setSsoOptionsAction } from "@/lib/platform/actions/org-actions";
import { SSO_SESSION_HOURS } from "@/lib/platform/sso/schemas";

export type SsoSettingsView = {
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  defaultRole: "member" | "no-access";
  testedAt: string | null;
  testedBy: string | null;
  active: boolean;
  enforced: boolean;
  groupsClaim: string | null;
  sessionHours: number | null;
  viewerCameThroughSso: boolean;
};

type Props = { orgSlug: string; connection: SsoSettingsView | null; callbackUrl: string; logoutUrl: string; signInUrl: string };

const ROLES = [
  { value: "member", label: "Member" },
  { value: "no-access", label: "No access (an admin gives roles later)" },
];

/** Runs the saved settings' test sign-in in a popup; the page refreshes when it is closed. */
function TestConnectionButton({ orgSlug }: { orgSlug: string }) {
  const router = useRouter();
  const [waiting, setWaiting] = useState(false);
  return (
    <Button
      variant="secondary"
      disabled={waiting}
      onClick={() => {
        const popup = window.open(`/api/sso/start?test=${encodeURIComponent(orgSlug)}`, "tessera-sso-test", "width=560,height=720");
        if (!popup) return;
        setWaiting(true);
        const poll = window.setInterval(() => {
          if (!popup.closed) return;
          window.clearInterval(poll);
          setWaiting(false);
          router.refresh();
        }, 500);
      }}>
      {waiting ? "Testing in the other window…" : "Test connection"}
    </Button>
  );
}

/** "Require single sign-on": members must come through the provider; Admins keep a recorded way in. */
function EnforceSso({ orgSlug, connection }: { orgSlug: string; connection: SsoSettingsView }) {
  if (connection.enforced) {
    return (
      <div className="flex flex-col gap-2">
        <p>
          Required: members open this organization only through the provider. Admins signing in with a password are let in, recorded and mailed to every Admin.
        </p>
        <ConfirmActionButton
          trigger="Stop requiring single sign-on"
          title="Stop requiring single sign-on?"
          body="Members may open this organization with a password again."
          confirm="Stop requiring it"
          action={setSsoEnforcedAction}
          input={{ orgSlug, enforced: false }}
        />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {connection.viewerCameThroughSso ? null : (
        <p role="note" className="text-amber-900">
          To require it, first sign in yourself through the provider (sign out, then “Sign in with single sign-on”).
        </p>
      )}
      <ConfirmActionButton
        trigger="Require single sign-on"
        title="Require single sign-on?"
        body="Members signed in with a password are sent to the provider before they can open this organization. Admins keep a password way in for when the provider is down; each use is recorded and mailed to every Admin."
        confirm="Require it"
        confirmVariant="primary"
        action={setSsoEnforcedAction}
        input={{ orgSlug, enforced: true }}
      />
    </div>
  );
}

/**
 * The org's OpenID Connect provider: its settings (checked against the provider on save),
 * the redirect URI to register there, a test sign-in, and on/off once tested.
 */
export function SsoSettings({ orgSlug, connection, callbackUrl, logoutUrl, signInUrl }: Props) {
  const router = useRouter();
  const [issuer, setIssuer] = useState(connection?.issuer ?? "");
  const [clientId, setClientId] = useState(connection?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [allowedDomains, setAllowedDomains] = useState(connection?.allowedDomains.join(", ") ?? "");
  const [defaultRole, setDefaultRole] = useState<"member" | "no-access">(connection?.defaultRole ?? "member");
  const [saved, setSaved] = useState(false);
  const save = useFormAction(saveSsoConnectionAction, () => {
    setClientSecret("");
    setSaved(true);
    router.refresh();
  });
  const activate = useFormAction(setSsoActiveAction, () => router.refresh());

  const status = !connection
    ? "Not set up."
    : connection.active
      ? "On: people of the allowed domains sign in through the provider."
      : connection.testedAt
        ? `Tested on ${new Date(connection.testedAt).toLocaleString()}${connection.testedBy ? ` by ${connection.testedBy}` : ""}; off.`
        : "Saved, not tested yet: test it before turning it on.";

  return (
    <div className="flex flex-col gap-4 text-sm">
      <p role="status">{status}</p>
      <div className="flex flex-col gap-1">
        <span className="font-medium">Redirect URI to register with the provider</span>
        <CopyField value={callbackUrl} label="Redirect URI" />
      </div>
      <div className="flex flex-col gap-1">
        <span className="font-medium">Back-channel logout URI (if the provider supports it)</span>
        <CopyField value={logoutUrl} label="Back-channel logout URI" />
        <span className="text-xs text-slate-600">When a session ends at the provider, it tells Tessera here and the matching sessions end too.</span>
      </div>
      <form
        className="flex flex-col gap-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.submit({ orgSlug, issuer, clientId, clientSecret, allowedDomains, defaultRole });
        }}>
        <FormMessage message={save.formError} />
        <TextField
          label="Issuer URL"
          value={issuer}
          onChange={(event) => setIssuer(event.target.value)}
          placeholder="https://login.example.com/realms/acme"
          errors={save.fieldErrors.issuer}
          hint="The provider's issuer; Tessera reads its /.well-known/openid-configuration."
        />
        <TextField label="Client ID" value={clientId} onChange={(event) => setClientId(event.target.value)} errors={save.fieldErrors.clientId} />
        <TextField
          label="Client secret"
          type="password"
          autoComplete="off"
          value={clientSecret}
          onChange={(event) => setClientSecret(event.target.value)}
          errors={save.fieldErrors.clientSecret}
          hint={connection ? "Leave blank to keep the saved secret." : "Kept sealed; never shown again."}
        />
        <TextField
          label="Allowed email domains"
          value={allowedDomains}
          onChange={(event) => setAllowedDomains(event.target.value)}
          placeholder="example.com, example.org"
          errors={save.fieldErrors.allowedDomains}
          hint="People with a verified address of these domains get an account at their first sign-in."
        />
        <SelectField
          label="Org role for new accounts"
          options={ROLES}
          value={defaultRole}
          onChange={(event) => setDefaultRole(event.target.value === "no-access" ? "no-access" : "member")}
          errors={save.fieldErrors.defaultRole}
        />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.pending}>
            {save.pending ? "Checking the provider…" : "Save single sign-on"}
          </Button>
          {saved ? <span className="text-green-800">Saved. Test it before turning it on.</span> : null}
        </div>
      </form>
      {connection ? (
        <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
          <FormMessage message={activate.formError} />
          <div className="flex flex-wrap gap-2">
            <TestConnectionButton orgSlug={orgSlug} />
            {connection.active ? (
              <ConfirmActionButton
                trigger="Turn off single sign-on"
                title="Turn off single sign-on?"
                body="Nobody can sign in through the provider until it is on again. Accounts it made stay; their owners can set a password with “Forgot your password?”."
                confirm="Turn it off"
                action={setSsoActiveAction}
                input={{ orgSlug, active: false }}
              />
            ) : (
              <Button disabled={!connection.testedAt || activate.pending} onClick={() => activate.submit({ orgSlug, active: true })}>
                Turn on single sign-on
              </Button>
            )}
          </div>
          {connection.active ? <EnforceSso orgSlug={orgSlug} connection={connection} /> : null}
          {connection.active ? (
            <div className="flex flex-col gap-1">
              <span className="font-medium">This organization&apos;s sign-in link</span>
              <CopyField value={signInUrl} label="Sign-in link" />
            </div>
          ) : null}
          <SsoOptionsForm orgSlug={orgSlug} connection={connection} />
        </div>
      ) : null}
    </div>
  );
}

const SESSION_LIMITS = Object.entries(SSO_SESSION_HOURS).map(([value, label]) => ({ value, label }));

/** The groups claim (groups follow the provider's at each sign-in) and how long SSO sessions last; saving needs no new test. */
function SsoOptionsForm({ orgSlug, connection }: { orgSlug: string; connection: SsoSettingsView }) {
  const [groupsClaim, setGroupsClaim] = useState(connection.groupsClaim ?? "");
  const [sessionHours, setSessionHours] = useState(connection.sessionHours === null ? "" : String(connection.sessionHours));
  const save = useSaveForm(setSsoOptionsAction);
  return (
    <form
      className="flex flex-col gap-3 border-t border-slate-100 pt-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.save({ orgSlug, groupsClaim, sessionHours: sessionHours as keyof typeof SSO_SESSION_HOURS });
      }}>
      <h3 className="font-medium">Groups and sessions</h3>
      <FormMessage message={save.formError} />
      <TextField
        label="Groups claim"
        value={groupsClaim}
        onChange={(event) => setGroupsClaim(event.target.value)}
        placeholder="groups"
        errors={save.fieldErrors.groupsClaim}
        hint="The ID token claim listing a person's groups at the provider. Groups mapped to one of them (on each group's page) follow it at every sign-in. Blank: off."
      />
      <SelectField
        label="Sessions through the provider last at most"
        options={SESSION_LIMITS}
        value={sessionHours}
        onChange={(event) => setSessionHours(event.target.value)}
        errors={save.fieldErrors.sessionHours}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.pending}>
          {save.pending ? "Saving…" : "Save groups and sessions"}
        </Button>
        {save.saved ? <span className="text-green-800">Saved.</span> : null}
      </div>
    </form>
  );
}
