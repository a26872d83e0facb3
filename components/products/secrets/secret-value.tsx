"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useStepUp } from "@/components/ui/step-up";
import { revealSecretValueAction } from "@/lib/products/secrets/secret-actions";

type Props = { orgSlug: string; projectSlug: string; secretId: string; secretKey: string; mayReveal: boolean; context?: string };

/**
 * A value stays on the server until asked for: each reveal is a request the server checks
 * and records. Hiding forgets it in the browser too.
 */
export function SecretValue({ orgSlug, projectSlug, secretId, secretKey, mayReveal, context }: Props) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const revealValue = useStepUp(revealSecretValueAction);
  const name = context ? `${secretKey} in ${context}` : secretKey;

  function reveal() {
    startTransition(async () => {
      try {
        const result = await revealValue({ orgSlug, projectSlug, secretId });
        if (result.ok) {
          setValue(result.data.value);
          setError(null);
        } else {
          setError(result.formError ?? "The value could not be revealed.");
        }
      } catch {
        setError("We could not reach the server. Try again.");
      }
    });
  }

  if (!mayReveal) {
    return (
      <span className="text-sm text-slate-500" title="Your roles do not let you read this value">
        <span aria-hidden="true">••••••••</span> <span className="sr-only">Value hidden:</span> no access to the value
      </span>
    );
  }
  if (value === null) {
    return (
      <span className="flex items-center gap-2">
        <span aria-hidden="true" className="font-mono text-slate-500">
          ••••••••
        </span>
        <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={reveal} disabled={pending} aria-label={`Reveal ${name}`}>
          {pending ? "Revealing…" : "Reveal"}
        </Button>
        {error ? (
          <span role="alert" className="text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <span className="flex items-start gap-2">
      <code aria-label={`Value of ${name}`} className="max-w-md whitespace-pre-wrap break-all rounded bg-slate-100 px-2 py-0.5 text-xs">
        {value === "" ? <em className="text-slate-500">(empty)</em> : value}
      </code>
      <Button
        variant="secondary"
        className="px-2 py-0.5 text-xs"
        aria-label={`Copy ${name}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value);
          setCopied(true);
        }}>
        {copied ? "Copied" : "Copy"}
      </Button>
      <Button
        variant="secondary"
        className="px-2 py-0.5 text-xs"
        aria-label={`Hide ${name}`}
        onClick={() => {
          setValue(null);
          setCopied(false);
        }}>
        Hide
      </Button>
    </span>
  );
}
