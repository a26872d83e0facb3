"use client";

import { useEffect, useState } from "react";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

function describe(expiresAt: Date, now: number): string {
  const remaining = expiresAt.getTime() - now;
  if (remaining <= 0) return "expired";
  for (const [unit, size] of UNITS) {
    // Rounded, not floored: 1 h 59 min left reads "in 2 hours", not "in 1 hour".
    if (remaining >= size) return `expires ${relative.format(Math.round(remaining / size), unit)}`;
  }
  return "expires in less than a minute";
}

/**
 * "expires in 3 hours", counting down each minute, then "expired" at the instant it is.
 * Server-rendered labels pass the request's time (so the HTML and hydration agree); a label
 * that only ever renders in the browser (an opened menu) omits it and starts from its mount.
 */
export function ExpiryLabel({ expiresAt, renderedAt }: { expiresAt: string; renderedAt?: number }) {
  const [now, setNow] = useState(() => renderedAt ?? Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(expiresAt);
  const expired = date.getTime() <= now;
  return (
    <time dateTime={expiresAt} title={date.toLocaleString()} className={expired ? "text-red-700" : "text-amber-700"}>
      {describe(date, now)}
    </time>
  );
}
