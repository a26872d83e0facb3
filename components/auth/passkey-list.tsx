"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { addPasskeyAction, passkeyRegistrationOptionsAction, removePasskeyAction, renamePasskeyAction } from "@/lib/platform/actions/account-actions";
import type { FieldErrors } from "@/lib/platform/errors";
import { ProvenAction } from "./proven-action";
import { useFormAction } from "@/components/ui/use-form-action";

export type PasskeyRow = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });

/**
 * Adds a passkey: its name and the account's password, then the browser's own prompt. What
 * was typed stays on a refusal; the first factor's recovery codes come back to be shown.
 */
function AddPasskeyDialog({ onAdded }: { onAdded: (recoveryCodes: string[] | null) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [formError, setFormError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();

  function add() {
    startTransition(async () => {
      setFormError(undefined);
      const options = await passkeyRegistrationOptionsAction({ password }).catch(() => null);
      if (!options?.ok) {
        setFieldErrors(options?.fieldErrors ?? {});
        setFormError(options ? options.formError : "We could not reach the server. Try again.");
        return;
      }
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data });
      } catch {
        setFieldErrors({});
        setFormError("No passkey was made: the browser's prompt was closed or this device cannot make one here.");
        return;
      }
      const added = await addPasskeyAction({ name, response: JSON.stringify(response) }).catch(() => null);
      if (!added?.ok) {
        setFieldErrors(added?.fieldErrors ?? {});
        setFormError(added ? added.formError : "We could not reach the server. Try again.");
        return;
      }
      setOpen(false);
      setName("");
      setPassword("");
      setFieldErrors({});
      onAdded(added.data.recoveryCodes);
    });
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" className="self-start">
          Add a passkey
        </Button>
      }
      title="Add a passkey"
      description="A passkey on this device, your phone or a security key proves your second factor with a touch or your face. Your password first: an open session alone cannot add one."
      formError={formError}
      submitLabel="Add a passkey"
      pendingLabel="Waiting for the passkey…"
      pending={pending}
      onSubmit={add}>
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="So you can tell it apart, e.g. “Work laptop”."
        errors={fieldErrors.name}
        maxLength={60}
      />
      <TextField
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={fieldErrors.password}
      />
    </FormDialog>
  );
}

function RenamePasskey({ passkey, onDone }: { passkey: PasskeyRow; onDone: () => void }) {
  const [name, setName] = useState(passkey.name);
  const rename = useFormAction(renamePasskeyAction, onDone);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        rename.submit({ passkeyId: passkey.id, name });
      }}>
      <TextField
        label={`New name for ${passkey.name}`}
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={rename.fieldErrors.name}
        autoFocus
        maxLength={60}
      />
      <Button type="submit" disabled={rename.pending}>
        Save
      </Button>
      <Button type="button" variant="secondary" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}

/** The account's passkeys: named, when added and last used; rename, remove (with a second factor), add. */
export function PasskeyList({
  passkeys,
  onChanged,
  onRecoveryCodes,
}: {
  passkeys: PasskeyRow[];
  onChanged: () => void;
  onRecoveryCodes: (codes: string[]) => void;
}) {
  const [editing, setEditing] = useState<{ id: string; mode: "rename" | "remove" } | null>(null);
  return (
    <div className="flex flex-col gap-2">
      {passkeys.length === 0 ? (
        <p className="text-slate-600">No passkeys yet.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100" aria-label="Passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-col gap-2 py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <span className="font-medium">{passkey.name}</span>
                  <span className="block text-xs text-slate-500">
                    Added {day(passkey.createdAt)} · {passkey.lastUsedAt ? `last used ${day(passkey.lastUsedAt)}` : "not used yet"}
                  </span>
                </span>
                <span className="flex gap-2">
                  <Button
                    variant="secondary"
                    className="px-3 py-1"
                    aria-label={`Rename ${passkey.name}`}
                    onClick={() => setEditing({ id: passkey.id, mode: "rename" })}>
                    Rename
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-3 py-1"
                    aria-label={`Remove ${passkey.name}`}
                    onClick={() => setEditing({ id: passkey.id, mode: "remove" })}>
                    Remove
                  </Button>
                </span>
              </div>
              {editing?.id === passkey.id && editing.mode === "rename" ? (
                <RenamePasskey
                  passkey={passkey}
                  onDone={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : null}
              {editing?.id === passkey.id && editing.mode === "remove" ? (
                <ProvenAction
                  action={removePasskeyAction}
                  input={{ passkeyId: passkey.id }}
                  prompt={`Remove ${passkey.name}? It will no longer sign you in. Prove your second factor first (this passkey will do).`}
                  submitLabel="Remove the passkey"
                  danger
                  onCancel={() => setEditing(null)}
                  onDone={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyDialog
        onAdded={(codes) => {
          if (codes) onRecoveryCodes(codes);
          else onChanged();
        }}
      />
    </div>
  );
}
