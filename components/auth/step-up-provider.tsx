"use client";

import Link from "next/link";
import { Dialog } from "radix-ui";
import { useCallback, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { dialogPanelClass } from "@/components/ui/dialog-panel";
import { StepUpContext, type AskStepUp } from "@/components/ui/step-up";
import type { StepUpNeed } from "@/lib/platform/actions/action-result";
import { stepUpAction } from "@/lib/platform/actions/account-actions";
import { loadOwnSecondFactorOptions } from "./proven-action";
import { SecondFactorProofForm, useProofAction } from "./second-factor-proof";

type Request = { need: StepUpNeed; message: string | undefined; resolve: (passed: boolean) => void };

function StepUpDialog({ request, onFinish }: { request: Request; onFinish: (passed: boolean) => void }) {
  const proof = useProofAction(stepUpAction, {}, () => onFinish(true));
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onFinish(false))}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[60] bg-slate-900/40" />
        <Dialog.Content className={`${dialogPanelClass("md")} z-[70]`}>
          <Dialog.Title className="text-lg font-semibold">Confirm it is you</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{request.message}</Dialog.Description>
          <div className="mt-4 text-sm">
            {request.need === "enrol" ? (
              <div className="flex gap-2">
                <Link href="/account" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                  Set up two-factor sign-in
                </Link>
                <Dialog.Close asChild>
                  <Button variant="secondary">Cancel</Button>
                </Dialog.Close>
              </div>
            ) : (
              <SecondFactorProofForm
                loadOptions={loadOwnSecondFactorOptions}
                onProof={proof.onProof}
                pending={proof.pending}
                formError={proof.formError}
                codeErrors={proof.codeErrors}
                submitLabel="Confirm">
                <Dialog.Close asChild>
                  <Button type="button" variant="secondary">
                    Cancel
                  </Button>
                </Dialog.Close>
              </SecondFactorProofForm>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Owns the one step-up dialog; any action the org guards asks it (components/ui/step-up). */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<Request | null>(null);
  const ask = useCallback<AskStepUp>((need, message) => new Promise<boolean>((resolve) => setRequest({ need, message, resolve })), []);
  return (
    <StepUpContext value={ask}>
      {children}
      {request ? (
        <StepUpDialog
          request={request}
          onFinish={(passed) => {
            request.resolve(passed);
            setRequest(null);
          }}
        />
      ) : null}
    </StepUpContext>
  );
}
