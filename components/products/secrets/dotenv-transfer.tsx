"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useStepUp } from "@/components/ui/step-up";
import { exportDotenvAction, importDotenvAction } from "@/lib/products/secrets/secret-actions";
import type { FolderRef } from "./secret-form-dialogs";

export function ImportDotenvDialog({
  folder,
  environmentName,
  mayOverwrite,
  openOnArrival = false,
}: {
  folder: FolderRef;
  environmentName: string;
  mayOverwrite: boolean;
  /** Open at once: the project overview's first steps ask for it. */
  openOnArrival?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnArrival);
  const [content, setContent] = useState("");
  const [overwrite, setOverwrite] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const { submit, pending, fieldErrors, formError } = useFormAction(importDotenvAction, (result) => {
    setOpen(false);
    setContent("");
    setSummary(`Imported: ${result.created} added, ${result.updated} replaced, ${result.skipped} already there and kept.`);
    router.refresh();
  });

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setContent(await file.text());
  }

  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        trigger={<Button variant="secondary">Import .env</Button>}
        title="Import a .env file"
        description={`Into ${folder.path} of ${environmentName}, all at once or not at all.`}
        formError={formError}
        submitLabel="Import"
        pendingLabel="Importing…"
        pending={pending}
        onSubmit={() => submit({ ...folder, content, overwrite })}>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          .env file
          <input type="file" accept=".env,text/plain" onChange={(event) => void readFile(event)} className="text-sm font-normal" />
        </label>
        <TextAreaField
          label="Contents"
          name="content"
          rows={8}
          spellCheck={false}
          placeholder={"DATABASE_URL=postgres://…\nAPI_KEY=…"}
          hint="Choose a file above or paste KEY=value lines."
          value={content}
          onChange={(event) => setContent(event.target.value)}
          errors={fieldErrors.content}
        />
        {mayOverwrite ? (
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} />
            Replace the values of keys that already exist
          </label>
        ) : null}
      </FormDialog>
      {summary ? (
        <p role="status" className="text-sm text-green-800">
          {summary}
        </p>
      ) : null}
    </>
  );
}

/** Downloads the folder as a .env file; the server checks read-value and records the export. */
export function ExportDotenvButton({ folder }: { folder: FolderRef }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [leftOut, setLeftOut] = useState<Array<{ key: string; reason: string }>>([]);
  const exportValues = useStepUp(exportDotenvAction);
  function download() {
    startTransition(async () => {
      const result = await exportValues(folder).catch(() => null);
      if (!result?.ok) {
        setError(result?.formError ?? "We could not reach the server. Try again.");
        return;
      }
      setError(null);
      setLeftOut(result.data.unwritable);
      const url = URL.createObjectURL(new Blob([result.data.content], { type: "text/plain" }));
      const link = Object.assign(document.createElement("a"), { href: url, download: result.data.filename });
      link.click();
      URL.revokeObjectURL(url);
    });
  }
  return (
    <span className="flex items-center gap-2">
      <Button variant="secondary" onClick={download} disabled={pending}>
        {pending ? "Exporting…" : "Export .env"}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
      {leftOut.length > 0 ? (
        <span role="alert" className="text-sm text-amber-800">
          Left out of the file, so that no tool reads them wrong: {leftOut.map((entry) => `${entry.key} (${entry.reason})`).join("; ")}.
        </span>
      ) : null}
    </span>
  );
}
