// The benchmarks' bundle entry (scripts/bench/harness.ts builds it): every product workflow, plus an empty one as
// the throughput baseline. Not part of the product's bundle (workflows/index.ts).
export * from '../../workflows';

/** One workflow task, then complete: what the Temporal server and the worker cost per workflow, with no work in it. */
export async function benchEmptyWorkflow(): Promise<void> {
  return;
}
