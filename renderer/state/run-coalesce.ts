/**
 * Wraps an async job so bursts of triggers cost at most one extra run: a call while the job
 * is running marks it dirty, and it runs once more when the current run ends. Live views use
 * it so a training script's stream of events never stacks up overlapping re-reads.
 */
export function coalesce(job: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let dirty = false;
  const loop = async () => {
    do {
      dirty = false;
      await job();
    } while (dirty);
    running = null;
  };
  return () => {
    if (running) {
      dirty = true;
      return running;
    }
    running = loop();
    return running;
  };
}
