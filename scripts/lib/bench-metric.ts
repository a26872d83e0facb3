/** One number a benchmark prints: its value, and beside it the baseline, ratio and target it is judged by. */
export type Metric = { metric: string; value: number; baseline?: number; ratio?: number; unit: string; spread?: number; target?: string };

/**
 * Whether a metric meets its target: "≤ 5×" and "≥ 0.5×" judge the ratio, "≤ 4" and
 * "≤ 450" the value; null for a metric with no target or one that is only reported. The
 * ratio is judged as value / baseline when both are printed, not as its rounding: 113.3
 * requests/s against 228.3 prints 0.5 but is 0.496, under 0.5.
 */
export function withinTarget(metric: Metric): boolean | null {
  const target = /^([≤≥])\s*([\d.]+)\s*(×?)/.exec(metric.target ?? "");
  if (!target) return null;
  const [, sign, bound, times] = target;
  const measured = !times ? metric.value : metric.baseline ? metric.value / metric.baseline : metric.ratio;
  if (measured === undefined) return null;
  return sign === "≤" ? measured <= Number(bound) : measured >= Number(bound);
}
