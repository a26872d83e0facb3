"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitRow } from "@/components/ui/submit-row";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { updateUniversalAuthAction } from "@/lib/platform/actions/identity-actions";
import { formatDuration } from "@/lib/platform/format-duration";

export type UniversalAuthSettings = {
  accessTokenTtlSeconds: number;
  accessTokenMaxTtlSeconds: number;
  accessTokenMaxUses: number;
  loginTrustedIps: string[];
  tokenTrustedIps: string[];
  lockoutThreshold: number;
  lockoutSeconds: number;
};

type Fields = { [Key in keyof UniversalAuthSettings]: string };

function fieldsOf(settings: UniversalAuthSettings): Fields {
  return {
    accessTokenTtlSeconds: String(settings.accessTokenTtlSeconds),
    accessTokenMaxTtlSeconds: String(settings.accessTokenMaxTtlSeconds),
    accessTokenMaxUses: String(settings.accessTokenMaxUses),
    loginTrustedIps: settings.loginTrustedIps.join("\n"),
    tokenTrustedIps: settings.tokenTrustedIps.join("\n"),
    lockoutThreshold: String(settings.lockoutThreshold),
    lockoutSeconds: String(settings.lockoutSeconds),
  };
}

/** A number of seconds in words beside its field ("= 2 hours"), or nothing while it is not one. */
function inWords(value: string): string | undefined {
  const seconds = Number(value);
  return value.trim() && Number.isInteger(seconds) && seconds > 0 ? `= ${formatDuration(seconds)}` : undefined;
}

/** Universal Auth: how long tokens live and how often they may be used, where logins and tokens may come from, lockout. */
export function UniversalAuthForm({ orgSlug, identityId, settings }: { orgSlug: string; identityId: string; settings: UniversalAuthSettings }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(settings));
  const { save, saved, pending, fieldErrors, formError } = useSaveForm(updateUniversalAuthAction);
  const set = (key: keyof Fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, identityId, ...fields });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Universal Auth settings">
      <FormMessage message={formError} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Access token TTL (seconds)"
          inputMode="numeric"
          value={fields.accessTokenTtlSeconds}
          onChange={set("accessTokenTtlSeconds")}
          hint={inWords(fields.accessTokenTtlSeconds)}
          errors={fieldErrors.accessTokenTtlSeconds}
        />
        <TextField
          label="Max TTL (seconds)"
          inputMode="numeric"
          value={fields.accessTokenMaxTtlSeconds}
          onChange={set("accessTokenMaxTtlSeconds")}
          hint={inWords(fields.accessTokenMaxTtlSeconds) ?? "Renewals stop here."}
          errors={fieldErrors.accessTokenMaxTtlSeconds}
        />
        <TextField
          label="Max uses per token"
          inputMode="numeric"
          value={fields.accessTokenMaxUses}
          onChange={set("accessTokenMaxUses")}
          hint="0: no limit."
          errors={fieldErrors.accessTokenMaxUses}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField
          label="Logins allowed from"
          rows={3}
          value={fields.loginTrustedIps}
          onChange={set("loginTrustedIps")}
          hint="IP addresses or CIDR ranges, IPv4 or IPv6, one per line. 0.0.0.0/0 and ::/0 allow any."
          errors={fieldErrors.loginTrustedIps}
        />
        <TextAreaField
          label="Tokens usable from"
          rows={3}
          value={fields.tokenTrustedIps}
          onChange={set("tokenTrustedIps")}
          hint="Checked on every API request."
          errors={fieldErrors.tokenTrustedIps}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Lock out after failed logins"
          inputMode="numeric"
          value={fields.lockoutThreshold}
          onChange={set("lockoutThreshold")}
          hint="Wrong client secrets in a row; 0: never lock."
          errors={fieldErrors.lockoutThreshold}
        />
        <TextField
          label="Lockout duration (seconds)"
          inputMode="numeric"
          value={fields.lockoutSeconds}
          onChange={set("lockoutSeconds")}
          hint={inWords(fields.lockoutSeconds)}
          errors={fieldErrors.lockoutSeconds}
        />
      </div>
      <SubmitRow label="Save Universal Auth" pendingLabel="Saving…" pending={pending} done={saved ? "Saved." : null} />
    </form>
  );
}
