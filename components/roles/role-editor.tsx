"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import {
  ORG_SUBJECTS,
  PRODUCT_SUBJECTS,
  PRODUCT_TYPE_LABELS,
  PROJECT_COMMON_SUBJECTS,
  projectSubjects,
  type ProductType,
} from "@/lib/platform/authz/catalogue";
import type { PermissionRule } from "@/lib/platform/authz/rules";
import { describeUnmatched, unmatchedConditions, type KnownConditionValues } from "@/lib/platform/authz/condition-matches";
import { summarizeRules, type RuleChanges } from "@/lib/platform/authz/summarize-rules";
import { ConditionalRules } from "./conditional-rules";
import { CreateRoleDialog } from "./create-role-dialog";
import { DeleteRoleDialog } from "./delete-role-dialog";
import { PermissionMatrix, type SubjectGroup } from "./permission-matrix";
import { roleActions, type RoleTarget } from "./role-target";
import { countDraftChanges, fromDraft, toDraft } from "./rule-drafts";
import { useUnsavedChangesWarning } from "./use-unsaved-changes-warning";

type Props = {
  target: RoleTarget;
  /** The project's product type for a project role; absent for an org role. */
  productType?: ProductType;
  /** The values each condition field takes in the project now. */
  conditionValues?: KnownConditionValues;
  role: { slug: string; name: string; description: string; rules: PermissionRule[]; builtIn: boolean; holders: number; version: number };
  canEdit: boolean;
  canCreate: boolean;
  canDelete: boolean;
  otherRoles: Array<{ slug: string; label: string }>;
  /** The first few holders by name. */
  holderNames: string[];
  membersHref: string;
};

function groupsFor(productType?: ProductType): SubjectGroup[] {
  if (!productType) return [{ label: "Organization", subjects: ORG_SUBJECTS }];
  return [
    { label: "Project", subjects: PROJECT_COMMON_SUBJECTS },
    { label: PRODUCT_TYPE_LABELS[productType], subjects: PRODUCT_SUBJECTS[productType] },
  ];
}

const NO_VALUES: KnownConditionValues = {};

/** The role editor: a permission matrix, conditions and denies, and what it all means. */
export function RoleEditor({
  target,
  productType,
  conditionValues = NO_VALUES,
  role,
  canEdit,
  canCreate,
  canDelete,
  otherRoles,
  holderNames,
  membersHref,
}: Props) {
  const router = useRouter();
  const subjects = productType ? projectSubjects(productType) : ORG_SUBJECTS;
  const readOnly = role.builtIn || !canEdit;
  const [saved, setSaved] = useState({ name: role.name, description: role.description, rules: role.rules, version: role.version });
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const [draft, setDraft] = useState(() => toDraft(role.rules));
  const [outcome, setOutcome] = useState<{ changes: RuleChanges; holders: number } | null>(null);
  const rules = useMemo(() => fromDraft(draft, subjects), [draft, subjects]);
  const unmatched = useMemo(() => unmatchedConditions(rules, conditionValues), [rules, conditionValues]);
  const [keepUnmatched, setKeepUnmatched] = useState(false);
  const savedDraft = useMemo(() => toDraft(saved.rules), [saved.rules]);
  const changes = readOnly ? 0 : countDraftChanges(savedDraft, draft) + Number(name !== saved.name) + Number(description !== saved.description);
  const dirty = changes > 0;
  const changeCount = changes === 1 ? "1 unsaved change" : `${changes} unsaved changes`;
  const leaveWarning = useUnsavedChangesWarning(dirty, changeCount);

  const { submit, pending, fieldErrors, formError } = useFormAction(roleActions(target).update, (result) => {
    setSaved({ name, description, rules, version: result.version });
    setOutcome(result);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    submit({ roleSlug: role.slug, name, description, permissions: rules, version: saved.version, allowUnmatched: unmatched.length > 0 && keepUnmatched });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-5" aria-label={`Edit ${role.name}`}>
        {role.builtIn ? (
          <div role="note" className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700">
            <span>Built-in roles cannot be changed.</span>
            {canCreate ? (
              <CreateRoleDialog
                target={target}
                sources={[{ slug: role.slug, label: role.name }]}
                copyFrom={role.slug}
                triggerLabel="Duplicate to customise"
                triggerVariant="secondary"
              />
            ) : null}
          </div>
        ) : null}
        {/* On a phone the panel comes after the whole grid: a way to it from the top. */}
        <a href="#access-preview-heading" className="self-start text-sm text-brand-700 underline lg:hidden">
          Jump to effective access
        </a>
        <FormMessage message={formError} />
        {outcome ? (
          <div role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
            <p>Saved. {outcome.holders === 1 ? "1 member holds" : `${outcome.holders} members hold`} this role; the change applies to their next request.</p>
            {outcome.changes.added.length ? <p className="mt-1">Now: {outcome.changes.added.join(" ")}</p> : null}
            {outcome.changes.removed.length ? <p className="mt-1">No longer: {outcome.changes.removed.join(" ")}</p> : null}
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Role name" value={name} onChange={(event) => setName(event.target.value)} disabled={readOnly} errors={fieldErrors.name} />
          <TextField
            label="Description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            disabled={readOnly}
            errors={fieldErrors.description}
          />
        </div>
        <PermissionMatrix
          groups={groupsFor(productType)}
          value={draft.matrix}
          onChange={(matrix) => setDraft((current) => ({ ...current, matrix }))}
          readOnly={readOnly}
        />
        <ConditionalRules
          subjects={subjects}
          known={conditionValues}
          value={draft.rules}
          onChange={(next) => setDraft((current) => ({ ...current, rules: next }))}
          readOnly={readOnly}
        />
        {fieldErrors.permissions ? (
          <p role="alert" className="text-sm text-red-700">
            {fieldErrors.permissions[0]}
          </p>
        ) : null}
        {!readOnly && unmatched.length > 0 ? (
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" className="mt-1" checked={keepUnmatched} onChange={(event) => setKeepUnmatched(event.target.checked)} />
            <span>Save anyway: keep the conditions that match nothing in this project today (for something you are about to add).</span>
          </label>
        ) : null}
        {!readOnly ? (
          // Stays at the bottom of the window while the grid scrolls, with what is unsaved.
          <div className="sticky bottom-0 z-30 -mx-2 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-2 py-3 backdrop-blur">
            <Button type="submit" disabled={pending || !dirty}>
              {pending ? "Saving…" : "Save role"}
            </Button>
            <span className="text-sm text-slate-600" aria-live="polite">
              {dirty ? changeCount : "All changes saved"}
            </span>
            {canDelete ? <DeleteRoleDialog target={target} role={{ slug: role.slug, name: role.name, holders: role.holders }} options={otherRoles} /> : null}
          </div>
        ) : null}
      </form>
      {leaveWarning}
      <aside
        aria-labelledby="access-preview-heading"
        className="flex h-fit flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        <h2 id="access-preview-heading" tabIndex={-1} className="scroll-mt-4 text-sm font-semibold text-slate-800">
          Effective access
        </h2>
        <ul className="flex flex-col gap-1 text-sm text-slate-700">
          {summarizeRules(rules, subjects).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {unmatched.length > 0 ? (
          <ul aria-label="Conditions that match nothing" className="flex flex-col gap-1 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            {unmatched.map((one) => (
              <li key={`${one.rule}-${one.condition}-${one.value}`}>{describeUnmatched(one)}: that rule applies to nothing here.</li>
            ))}
          </ul>
        ) : null}
        <div className="border-t border-slate-100 pt-3 text-sm text-slate-600">
          <p>
            Held by {role.holders === 1 ? "1 member" : `${role.holders} members`}
            {holderNames.length > 0 ? `: ${holderNames.join(", ")}${role.holders > holderNames.length ? ", …" : ""}` : ""}.
          </p>
          <a href={membersHref} className="underline">
            See members
          </a>
        </div>
      </aside>
    </div>
  );
}
