"use client";

import { useId } from "react";
import { ORG_SUBJECTS } from "@/lib/platform/authz/catalogue";
import { describePermissions, highPrivilegesIn } from "@/lib/platform/authz/privilege";

export type GrantableOrgRole = { slug: string; label: string; allows: string[]; permissions: string[] };

type Props = {
  role: GrantableOrgRole | undefined;
  /** Who gets it, for the confirmation's words: "whoever accepts", "everyone who joins through the link". */
  recipients: string;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  errors?: string[];
};

/**
 * What the chosen org role allows, in the role editor's words, under the role picker. A role
 * that manages other people, roles, billing or the org itself is said so in amber and has to
 * be confirmed (the server refuses it unconfirmed too).
 */
export function OrgRoleGrantNotice({ role, recipients, confirmed, onConfirmedChange, errors }: Props) {
  const id = useId();
  if (!role) return null;
  const privileges = describePermissions(highPrivilegesIn(role.permissions), ORG_SUBJECTS);
  const error = errors?.[0];
  return (
    <div className="flex flex-col gap-2 text-sm">
      <div>
        <p className="font-medium text-slate-800">{role.label} allows</p>
        <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
          {role.allows.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      {privileges.length > 0 ? (
        <div className={`rounded-md border p-3 ${error ? "border-red-500 bg-red-50" : "border-amber-300 bg-amber-50"}`}>
          <p className="text-amber-900">
            <strong>{role.label} manages more than their own work.</strong> {recipients} can: {privileges.join("; ")}.
          </p>
          <label className="mt-2 flex items-start gap-2 text-slate-900">
            <input
              type="checkbox"
              className="mt-1"
              checked={confirmed}
              onChange={(event) => onConfirmedChange(event.target.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <span>I mean to give {role.label} to them</span>
          </label>
          {error ? (
            <p id={`${id}-error`} className="mt-1 text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
