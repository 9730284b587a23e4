import type { Run } from '../../shared/domain/tracking';

/** The logged models each remote run used (inputs) and produced (outputs), as runs/search showed them. */
export interface ModelLinks {
  inputs: Map<string, string[]>;
  outputs: Map<string, { modelId: string; step: number }[]>;
}

export const emptyModelLinks = (): ModelLinks => ({ inputs: new Map(), outputs: new Map() });

/** Notes the model links of a page of remote runs (pure: the pull applies them once the models are here). */
export function noteModelLinks(links: ModelLinks, runs: readonly Run[]): void {
  for (const run of runs) {
    const id = run.info.run_id;
    const inputs = (run.inputs?.model_inputs ?? []).map((m) => m.model_id).filter(Boolean);
    const outputs = (run.outputs?.model_outputs ?? []).filter((m) => m.model_id).map((m) => ({ modelId: m.model_id, step: Number(m.step ?? 0) }));
    if (inputs.length) links.inputs.set(id, inputs);
    if (outputs.length) links.outputs.set(id, outputs);
  }
}

/** The links of `links` that are not here yet, given what the store has (`hasInput`, `hasOutput`). */
export function missingModelLinks(
  links: ModelLinks,
  hasInput: (runId: string, modelId: string) => boolean,
  hasOutput: (runId: string, modelId: string) => boolean,
): { runId: string; inputs: string[]; outputs: { modelId: string; step: number }[] }[] {
  const runIds = [...new Set([...links.inputs.keys(), ...links.outputs.keys()])].sort();
  const out: { runId: string; inputs: string[]; outputs: { modelId: string; step: number }[] }[] = [];
  for (const runId of runIds) {
    const inputs = [...new Set(links.inputs.get(runId) ?? [])].filter((m) => !hasInput(runId, m));
    const outputs = (links.outputs.get(runId) ?? []).filter((m) => !hasOutput(runId, m.modelId));
    if (inputs.length || outputs.length) out.push({ runId, inputs, outputs });
  }
  return out;
}
