"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** The recovery codes, once: to copy or write down before anything else happens. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="mt-3 flex flex-col gap-2" role="region" aria-label="Recovery codes">
      <p className="text-sm text-slate-700">
        Keep these recovery codes somewhere safe. Each proves your second factor once if you lose your phone or passkeys. They are shown only now.
      </p>
      <ul className="grid grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <CopyButton text={codes.join("\n")} label="Copy the recovery codes" />
      <Button className="self-start" onClick={onDone}>
        I have saved them
      </Button>
    </div>
  );
}
