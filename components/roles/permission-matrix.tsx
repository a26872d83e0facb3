"use client";

import { useId, useState } from "react";
import type { SubjectDefinition } from "@/lib/authz/catalogue";

export type SubjectGroup = { label: string; subjects: Readonly<Record<string, SubjectDefinition>> };

/**
 * Subjects × actions as checkboxes, grouped, with "All" per subject and a filter. Plain
 * form controls: Tab moves between them, Space toggles.
 */
export function PermissionMatrix({
  groups,
  value,
  onChange,
  readOnly,
}: {
  groups: readonly SubjectGroup[];
  value: Record<string, string[]>;
  onChange: (next: Record<string, string[]>) => void;
  readOnly: boolean;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const set = (subject: string, actions: string[]) => onChange({ ...value, [subject]: actions });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-filter`} className="text-sm font-medium text-slate-800">
          Filter permissions
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Secrets, members, read…"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      {groups.map((group) => {
        const entries = Object.entries(group.subjects).filter(
          ([, definition]) =>
            !needle ||
            definition.label.toLowerCase().includes(needle) ||
            Object.values(definition.actions).some((label) => label.toLowerCase().includes(needle)),
        );
        if (entries.length === 0) return null;
        return (
          <section key={group.label} aria-label={`${group.label} permissions`} className="rounded-lg border border-slate-200 bg-white">
            <h3 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-700">{group.label}</h3>
            <ul className="divide-y divide-slate-100">
              {entries.map(([subject, definition]) => {
                const actions = Object.entries(definition.actions);
                const held = value[subject] ?? [];
                const all = held.length === actions.length;
                return (
                  <li key={subject} className="px-4 py-3">
                    <fieldset className="flex flex-wrap items-center gap-x-5 gap-y-2">
                      <legend className="float-left mr-4 w-44 text-sm font-medium text-slate-900">{definition.label}</legend>
                      <label className="flex items-center gap-2 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          aria-label={`${definition.label}: all actions`}
                          checked={all}
                          ref={(input) => {
                            if (input) input.indeterminate = held.length > 0 && !all;
                          }}
                          disabled={readOnly}
                          onChange={(event) => set(subject, event.target.checked ? actions.map(([action]) => action) : [])}
                        />
                        All
                      </label>
                      {actions.map(([action, label]) => (
                        <label key={action} className="flex items-center gap-2 text-sm text-slate-700">
                          <input
                            type="checkbox"
                            aria-label={`${definition.label}: ${label}`}
                            checked={held.includes(action)}
                            disabled={readOnly}
                            onChange={(event) => set(subject, event.target.checked ? [...held, action] : held.filter((one) => one !== action))}
                          />
                          {label}
                        </label>
                      ))}
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
