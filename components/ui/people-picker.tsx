"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useId, useState, type KeyboardEvent } from "react";

/** A person or identity as a chip: `detail` under the name in the list (an email). */
export type PickedPerson = { userId: string; name: string; email: string };
/** A match the search found; `unavailable` says why it cannot be chosen (shown, not hidden). */
export type PersonMatch = PickedPerson & { detail?: string; unavailable?: string };

type Props = {
  label: string;
  hint: string;
  placeholder: string;
  /** Names the search in the react-query cache; the typed text is added to it. */
  queryKey: readonly unknown[];
  search(q: string): Promise<PersonMatch[]>;
  /** What an empty result says, given the text searched for. */
  noMatch(q: string): string;
  value: PickedPerson[];
  onChange: (next: PickedPerson[]) => void;
  errors?: string[];
};

/**
 * Chooses people several at once: a combobox whose matches come from the server (an org may
 * have 10,000 members), driven by the keyboard — arrows move, Enter picks, and each chosen
 * person becomes a chip with its own Remove button.
 */
export function PeoplePicker({ label, hint, placeholder, queryKey, search: searchFor, noMatch, value, onChange, errors }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // One search per pause in typing, not one per key.
  const [deferredQuery, setDeferredQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDeferredQuery(query.trim()), 200);
    return () => clearTimeout(timer);
  }, [query]);
  const search = useQuery({
    queryKey: [...queryKey, deferredQuery],
    queryFn: () => searchFor(deferredQuery),
    enabled: open,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
  const chosen = new Set(value.map((person) => person.userId));
  const matches = search.data ?? [];
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const expanded = open && (matches.length > 0 || search.isFetched);
  /** The matches shown are for other text than what is typed (its own search is on its way). */
  const stale = deferredQuery !== query.trim() || search.isPlaceholderData;

  function pick(index: number) {
    const match = matches[index];
    if (!match || match.unavailable) return;
    const { userId, name, email } = match;
    onChange(chosen.has(userId) ? value.filter((person) => person.userId !== userId) : [...value, { userId, name, email }]);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((matches.length + activeIndex + step) % Math.max(matches.length, 1));
    } else if (event.key === "Enter" && expanded) {
      // Enter picks the highlighted person; it does not submit the form under the picker.
      event.preventDefault();
      // A list still showing the last search's matches must not take away someone chosen by
      // it: Enter then adds, never removes.
      const highlighted = matches[activeIndex];
      if (!(stale && highlighted && chosen.has(highlighted.userId))) pick(activeIndex);
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-input`} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {value.length > 0 ? (
        <ul aria-label={`${label}: chosen`} className="flex flex-wrap gap-2">
          {value.map((person) => (
            <li key={person.userId} className="flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-3 pr-1 text-sm text-brand-900">
              <span title={person.email}>{person.name}</span>
              <button
                type="button"
                aria-label={`Remove ${person.name}`}
                onClick={() => onChange(value.filter((other) => other.userId !== person.userId))}
                className="rounded-full p-1 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-500">
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {/* The matches float over what follows, so opening and closing them never moves the form. */}
      <div className="relative">
        <input
          id={`${id}-input`}
          role="combobox"
          type="text"
          autoComplete="off"
          placeholder={placeholder}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && matches.length > 0 ? optionId(activeIndex) : undefined}
          aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
          aria-invalid={errors?.length ? true : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <ul
          id={listId}
          role="listbox"
          aria-busy={stale}
          aria-label={`${label}: matches`}
          aria-multiselectable
          hidden={!expanded}
          className="absolute inset-x-0 top-full z-10 mt-1 max-h-60 overflow-y-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg">
          {matches.map((match, index) => (
            <li
              key={match.userId}
              id={optionId(index)}
              role="option"
              aria-selected={chosen.has(match.userId)}
              aria-disabled={match.unavailable ? true : undefined}
              // Keeps focus in the input: a click picks without blurring (and closing) the list.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
              className={`flex cursor-pointer items-center justify-between gap-3 px-3 py-2 ${index === activeIndex ? "bg-slate-100" : ""} ${match.unavailable ? "cursor-not-allowed text-slate-500" : ""}`}>
              <span>
                <span className="block font-medium">{match.name}</span>
                <span className="block text-slate-600">{match.detail ?? match.email}</span>
              </span>
              <span className="text-xs text-slate-600">{match.unavailable ?? (chosen.has(match.userId) ? "Chosen" : "")}</span>
            </li>
          ))}
          {search.isFetched && matches.length === 0 ? (
            <li role="presentation" className="px-3 py-2 text-slate-600">
              {search.isError ? "The search failed. Try again." : noMatch(deferredQuery)}
            </li>
          ) : null}
        </ul>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
