"use client";

import { useId, useState, type KeyboardEvent } from "react";
import type { SubjectDefinition } from "@/lib/platform/authz/catalogue";

export type SubjectGroup = { label: string; subjects: Readonly<Record<string, SubjectDefinition>> };

/** The usual actions lead, in this order; the rest follow as the catalogue lists them. */
const LEADING_ACTIONS = ["read", "create", "edit", "delete"];

/**
 * A group's action columns: every action any of its subjects has, each once, headed by the
 * label most of them use ("View", not one subject's "View plan and seats").
 */
function columnsOf(subjects: Array<[string, SubjectDefinition]>): Array<{ action: string; label: string }> {
  const labels = new Map<string, Map<string, number>>();
  for (const [, definition] of subjects) {
    for (const [action, label] of Object.entries(definition.actions)) {
      const counts = labels.get(action) ?? new Map<string, number>();
      labels.set(action, counts.set(label, (counts.get(label) ?? 0) + 1));
    }
  }
  const order = [...LEADING_ACTIONS.filter((action) => labels.has(action)), ...[...labels.keys()].filter((action) => !LEADING_ACTIONS.includes(action))];
  return order.map((action) => ({ action, label: [...labels.get(action)!].sort((a, b) => b[1] - a[1])[0]![0] }));
}

/**
 * Arrow keys move between the grid's checkboxes (Space toggles, Tab leaves the grid): right
 * and left along a row, up and down a column, skipping cells a subject does not have.
 */
function moveInGrid(event: KeyboardEvent<HTMLTableElement>) {
  const from = event.target as HTMLElement;
  const row = Number(from.dataset.gridRow);
  const col = Number(from.dataset.gridCol);
  if (Number.isNaN(row) || Number.isNaN(col)) return;
  const cells = [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[data-grid-row]")];
  const at = (r: number) => cells.filter((cell) => Number(cell.dataset.gridRow) === r);
  const rowCells = at(row);
  const index = rowCells.indexOf(from as HTMLInputElement);
  let next: HTMLInputElement | undefined;
  if (event.key === "ArrowRight") next = rowCells[index + 1];
  else if (event.key === "ArrowLeft") next = rowCells[index - 1];
  else if (event.key === "Home") next = rowCells[0];
  else if (event.key === "End") next = rowCells.at(-1);
  else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    const step = event.key === "ArrowDown" ? 1 : -1;
    for (let r = row + step; !next && at(r).length > 0; r += step) {
      // The same column if that row has it, else the nearest one it has.
      next = at(r).reduce<HTMLInputElement | undefined>((best, cell) => {
        const distance = Math.abs(Number(cell.dataset.gridCol) - col);
        return !best || distance < Math.abs(Number(best.dataset.gridCol) - col) ? cell : best;
      }, undefined);
    }
  } else return;
  event.preventDefault();
  next?.focus();
}

/**
 * Subjects × actions as a grid of checkboxes, one table per group with aligned action
 * columns and a header that stays in view, "All" per subject, and a filter.
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
        <p className="text-xs text-slate-600">In the grid, arrow keys move between permissions and Space ticks one.</p>
      </div>
      {groups.map((group) => {
        const all = Object.entries(group.subjects);
        const entries = all.filter(
          ([, definition]) =>
            !needle ||
            definition.label.toLowerCase().includes(needle) ||
            Object.values(definition.actions).some((label) => label.toLowerCase().includes(needle)),
        );
        if (entries.length === 0) return null;
        const columns = columnsOf(all);
        const headingId = `${id}-${group.label}`;
        return (
          <section key={group.label} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
            <h2 id={headingId} className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-700">
              {group.label} permissions
            </h2>
            {/* Read-only, its checkboxes cannot take focus: the box does, so a keyboard can scroll it. */}
            <div
              role="region"
              aria-labelledby={headingId}
              tabIndex={readOnly ? 0 : undefined}
              className="relative max-h-[70vh] overflow-auto focus-visible:outline-2 focus-visible:outline-brand-500">
              <table className="w-full border-collapse text-sm" aria-labelledby={headingId} onKeyDown={moveInGrid}>
                <thead>
                  <tr>
                    <th
                      scope="col"
                      className="sticky left-0 top-0 z-20 bg-slate-50 px-4 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
                      Subject
                    </th>
                    <th scope="col" className="sticky top-0 z-10 bg-slate-50 px-3 py-2 text-center text-xs font-medium text-slate-600">
                      All
                    </th>
                    {columns.map((column) => (
                      <th key={column.action} scope="col" className="sticky top-0 z-10 bg-slate-50 px-3 py-2 text-center text-xs font-medium text-slate-600">
                        {column.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {entries.map(([subject, definition], row) => {
                    const actions = Object.keys(definition.actions);
                    const held = value[subject] ?? [];
                    const everything = held.length === actions.length;
                    return (
                      <tr key={subject}>
                        <th scope="row" className="sticky left-0 bg-white px-4 py-2 text-left font-medium text-slate-900">
                          {definition.label}
                        </th>
                        <td className="px-3 py-2 text-center">
                          <input
                            type="checkbox"
                            aria-label={`${definition.label}: all actions`}
                            data-grid-row={row}
                            data-grid-col={0}
                            checked={everything}
                            ref={(input) => {
                              if (input) input.indeterminate = held.length > 0 && !everything;
                            }}
                            disabled={readOnly}
                            onChange={(event) => set(subject, event.target.checked ? actions : [])}
                          />
                        </td>
                        {columns.map((column, index) => {
                          const label = definition.actions[column.action];
                          return (
                            <td key={column.action} className="px-3 py-2 text-center">
                              {label ? (
                                <input
                                  type="checkbox"
                                  aria-label={`${definition.label}: ${label}`}
                                  title={label === column.label ? undefined : label}
                                  data-grid-row={row}
                                  data-grid-col={index + 1}
                                  checked={held.includes(column.action)}
                                  disabled={readOnly}
                                  onChange={(event) =>
                                    set(subject, event.target.checked ? [...held, column.action] : held.filter((one) => one !== column.action))
                                  }
                                />
                              ) : null}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
