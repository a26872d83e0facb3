import { Button } from "@/components/ui/button";

/** A create button the plan has no room for: disabled, with the reason beside it. */
export function PlanLimitButton({ label, reason }: { label: string; reason: string }) {
  const id = `plan-limit-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <span className="flex flex-col items-end gap-1">
      <Button disabled aria-describedby={id}>
        {label}
      </Button>
      <span id={id} className="text-xs text-slate-600">
        {reason} on this plan
      </span>
    </span>
  );
}
