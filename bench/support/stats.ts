export function median(values: number[]) {
  return percentile(values, 50);
}

/** The nearest-rank percentile of the values. */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
