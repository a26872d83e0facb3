"use client";

import { useId } from "react";

/** How long a role lasts, as chosen: for good, a preset span from the moment of saving, or a chosen time. */
export type ExpiryChoice = "never" | "1h" | "1d" | "7d" | "custom";
export type GrantDraft = { role: string; expiry: ExpiryChoice; expiresAt: string };

const EXPIRY_CHOICES: Array<{ value: ExpiryChoice; label: string; ms?: number }> = [
  { value: "never", label: "Never" },
  { value: "1h", label: "In 1 hour", ms: 3_600_000 },
  { value: "1d", label: "In 1 day", ms: 86_400_000 },
  { value: "7d", label: "In 7 days", ms: 7 * 86_400_000 },
  { value: "custom", label: "At a date and time…" },
];

type RoleOption = { slug: string; label: string; description: string; coveredBy?: string[] };

/**
 * Picks one or more roles, each permanent, for a preset span, or until a chosen time (in the
 * browser's time zone, which it names). Values are kept as the person chose them; the
 * server validates.
 */
export function RoleGrantsField({
  roles,
  value,
  onChange,
  errors,
}: {
  roles: RoleOption[];
  value: GrantDraft[];
  onChange: (next: GrantDraft[]) => void;
  errors?: string[];
}) {
  const id = useId();
  const selected = new Map(value.map((grant) => [grant.role, grant]));
  const chosenLabels = new Set(roles.filter((role) => selected.has(role.slug)).map((role) => role.label));
  function toggle(role: string, checked: boolean) {
    onChange(checked ? [...value, { role, expiry: "never", expiresAt: "" }] : value.filter((grant) => grant.role !== role));
  }
  function setExpiry(role: string, change: Partial<GrantDraft>) {
    onChange(value.map((grant) => (grant.role === role ? { ...grant, ...change } : grant)));
  }
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Roles</legend>
      <ul className="mt-2 flex flex-col gap-2">
        {roles.map((role) => {
          const grant = selected.get(role.slug);
          return (
            <li key={role.slug} className="rounded-md border border-slate-200 p-3">
              <label className="flex items-start gap-3 text-sm">
                <input type="checkbox" className="mt-1" checked={Boolean(grant)} onChange={(event) => toggle(role.slug, event.target.checked)} />
                <span>
                  <span className="block font-medium">{role.label}</span>
                  <span className="block text-slate-600">{role.description}</span>
                </span>
              </label>
              {grant && role.coveredBy?.some((label) => chosenLabels.has(label)) ? (
                <p className="mt-2 pl-7 text-sm text-amber-800">
                  Already covered by {role.coveredBy.filter((label) => chosenLabels.has(label)).join(" and ")}: {role.label} adds nothing while that lasts.
                </p>
              ) : null}
              {grant ? (
                <div className="mt-2 flex flex-wrap items-center gap-2 pl-7 text-sm">
                  <label htmlFor={`${id}-${role.slug}-expiry`} className="text-slate-700">
                    Expires
                  </label>
                  <select
                    id={`${id}-${role.slug}-expiry`}
                    value={grant.expiry}
                    onChange={(event) => setExpiry(role.slug, { expiry: event.target.value as ExpiryChoice })}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1">
                    {EXPIRY_CHOICES.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                  {grant.expiry === "custom" ? (
                    <>
                      <input
                        aria-label={`${role.label} expires at`}
                        aria-describedby={`${id}-time-zone`}
                        type="datetime-local"
                        value={grant.expiresAt}
                        onChange={(event) => setExpiry(role.slug, { expiresAt: event.target.value })}
                        className="rounded-md border border-slate-300 px-2 py-1"
                      />
                      <span id={`${id}-time-zone`} className="text-xs text-slate-600">
                        {timeZone} time
                      </span>
                    </>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The drafts as the action expects them: a preset counts from the moment of saving, a local
 * date-time becomes an instant, and a custom choice left empty is sent empty, so the server
 * says so at the field rather than granting the role for good.
 */
export function toGrantInput(drafts: GrantDraft[], now = Date.now()) {
  return drafts.map((draft) => {
    const preset = EXPIRY_CHOICES.find((choice) => choice.value === draft.expiry)?.ms;
    const expiresAt = draft.expiry === "never" ? null : preset ? new Date(now + preset) : draft.expiresAt ? new Date(draft.expiresAt) : "";
    return { role: draft.role, expiresAt };
  });
}

/** Stored instants shown in the browser's own time zone, as datetime-local wants them. */
export function fromIsoGrants(grants: Array<{ role: string; expiresAt: string | null }>): GrantDraft[] {
  return grants.map(({ role, expiresAt }) => {
    if (!expiresAt) return { role, expiry: "never", expiresAt: "" };
    const date = new Date(expiresAt);
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return { role, expiry: "custom", expiresAt: local.toISOString().slice(0, 16) };
  });
}
