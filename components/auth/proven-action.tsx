"use client";

import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/platform/actions/action-result";
import { secondFactorOptionsAction } from "@/lib/platform/actions/account-actions";
import type { SecondFactorProof } from "@/lib/platform/auth/two-factor-schemas";
import { SecondFactorProofForm, useProofAction } from "./second-factor-proof";

/** The signed-in person's own ways to prove it (a fresh passkey challenge each time). */
export const loadOwnSecondFactorOptions = () => secondFactorOptionsAction(undefined);

type Props<Input extends object, Output> = {
  action: (input: Input & SecondFactorProof) => Promise<ActionResult<Output>>;
  input: Input;
  /** What is about to happen, said above the proof. */
  prompt: string;
  submitLabel: string;
  danger?: boolean;
  onDone: (data: Output) => void;
  onCancel: () => void;
};

/** A change to the factors themselves, asked for with a second factor first (inline on the account page). */
export function ProvenAction<Input extends object, Output>({ action, input, prompt, submitLabel, danger, onDone, onCancel }: Props<Input, Output>) {
  const proof = useProofAction(action, input, onDone);
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
      <p className="text-slate-700">{prompt}</p>
      <SecondFactorProofForm
        loadOptions={loadOwnSecondFactorOptions}
        onProof={proof.onProof}
        pending={proof.pending}
        formError={proof.formError}
        codeErrors={proof.codeErrors}
        submitLabel={submitLabel}
        submitVariant={danger ? "danger" : "primary"}>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </SecondFactorProofForm>
    </div>
  );
}
