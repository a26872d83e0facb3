/** One number a benchmark prints: its value, and beside it the baseline, ratio and target it is judged by. */
export type Metric = { metric: string; value: number; baseline?: number; ratio?: number; unit: string; spread?: number; target?: string };
