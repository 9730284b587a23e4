import { parse } from 'yaml';
import { dirName } from './artifact-paths';
import { parseSignature, type Signature } from './model-signature';

/** An MLmodel file, ready to show: facts, each flavor with its settings, the signature, how to load it. */
export interface MlModelView {
  facts: { key: string; value: string }[];
  flavors: { name: string; entries: { key: string; value: string }[] }[];
  signature: Signature | null;
  /** The model's folder as an MLflow URI: `runs:/<run>/<folder>`. */
  modelUri: string;
  loadSnippet: string;
}

const FACTS = ['model_id', 'run_id', 'artifact_path', 'model_uuid', 'mlflow_version', 'utc_time_created', 'model_size_bytes'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Nested settings flattened to dotted keys (`env.conda`), one level of detail per row. */
function flatten(obj: Record<string, unknown>, prefix = ''): { key: string; value: string }[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    isRecord(v) && Object.keys(v).length > 0 && prefix.split('.').length < 3 ? flatten(v, `${prefix}${k}.`) : [{ key: prefix + k, value: show(v) }],
  );
}

export function loadSnippet(modelUri: string, flavorNames: string[]): string {
  const uri = JSON.stringify(modelUri);
  const lines = ['import mlflow', '', `model = mlflow.pyfunc.load_model(${uri})`];
  const native = flavorNames.find((f) => f !== 'python_function' && IDENT.test(f));
  if (native) lines.push('', `# or as a native ${native} object:`, `model = mlflow.${native}.load_model(${uri})`);
  return lines.join('\n');
}

/**
 * Parses an MLmodel file (YAML) found at `path` in run `runId`; `modelUri` names the model when it
 * is not `runs:/<run>/<folder>` (a logged model's files: `models:/<model id>`). The text is untrusted: anything
 * unexpected becomes a string to show, never code to run. Throws with YAML's message when the
 * text is not a YAML mapping.
 */
export function parseMlModel(text: string, where: { runId: string; path: string; modelUri?: string | undefined }): MlModelView {
  const doc: unknown = parse(text, { maxAliasCount: 50 });
  if (!isRecord(doc)) throw new Error('MLmodel is not a YAML mapping');
  const flavorMap = isRecord(doc.flavors) ? doc.flavors : {};
  const flavors = Object.entries(flavorMap).map(([name, v]) => ({ name, entries: isRecord(v) ? flatten(v) : [{ key: '', value: show(v) }] }));
  const folder = dirName(where.path);
  const modelUri = where.modelUri ?? `runs:/${where.runId}${folder ? `/${folder}` : ''}`;
  const facts = FACTS.filter((k) => doc[k] !== undefined && doc[k] !== null).map((k) => ({ key: k, value: show(doc[k]) }));
  const example = isRecord(doc.saved_input_example_info) ? doc.saved_input_example_info.artifact_path : undefined;
  if (typeof example === 'string') facts.push({ key: 'input_example', value: example });
  return {
    facts,
    flavors,
    signature: parseSignature(doc.signature),
    modelUri,
    loadSnippet: loadSnippet(modelUri, flavors.map((f) => f.name)),
  };
}
