import { parse as parseYaml } from 'yaml';
import type { ServingExample } from '../../shared/ipc/serving-types';
import type { ServiceContext } from '../services/service-context';
import { readModelFile } from './model-files';

const SCORING_KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'];

interface ExampleInfo {
  artifact_path?: string;
  type?: string;
  pandas_orient?: string;
  serving_input_path?: string;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const answer = (value: unknown, source: ServingExample['source']): ServingExample => ({ body: pretty(value), contentType: 'application/json', source });

/**
 * A request body for a model: its serving_input_example.json (already in the scoring format), its
 * input_example.json wrapped as the scoring server takes it, or one row built from the signature's
 * inputs; else an empty dataframe_split to fill in.
 */
export async function servingExample(ctx: ServiceContext, artifactPath: string): Promise<ServingExample> {
  const mlmodelText = await readModelFile(ctx, artifactPath, 'MLmodel');
  const mlmodel = mlmodelText ? (safeYaml(mlmodelText) as Record<string, unknown> | null) : null;
  const info = (mlmodel?.saved_input_example_info ?? null) as ExampleInfo | null;
  const servingPath = info?.serving_input_path ?? 'serving_input_example.json';
  const serving = parseJson(await readModelFile(ctx, artifactPath, servingPath));
  if (serving !== undefined) return answer(serving, 'input_example');
  const example = parseJson(await readModelFile(ctx, artifactPath, info?.artifact_path ?? 'input_example.json'));
  if (example !== undefined) return answer(wrapExample(example, info), 'input_example');
  const signature = (mlmodel?.signature ?? null) as { inputs?: string } | null;
  const fromSignature = signature?.inputs ? exampleFromSignature(signature.inputs) : null;
  if (fromSignature) return answer(fromSignature, 'signature');
  return answer({ dataframe_split: { columns: [], data: [] } }, 'none');
}

/** An input_example.json as a scoring request (MLflow stores dataframes by their pandas orient, other inputs as they are). */
export function wrapExample(example: unknown, info: ExampleInfo | null): unknown {
  if (example && typeof example === 'object' && !Array.isArray(example) && SCORING_KEYS.some((k) => Object.hasOwn(example, k))) return example;
  if (info?.type === 'dataframe') return info.pandas_orient === 'records' ? { dataframe_records: example } : { dataframe_split: example };
  return { inputs: example };
}

interface ColSpec {
  type: string;
  name?: string;
  'tensor-spec'?: { dtype?: string; shape?: number[] };
}

/** One row (or one tensor of the smallest shape) of placeholder values matching the signature's inputs. */
export function exampleFromSignature(inputsJson: string): unknown {
  let specs: ColSpec[];
  try {
    specs = JSON.parse(inputsJson) as ColSpec[];
  } catch {
    return null;
  }
  if (!Array.isArray(specs) || !specs.length) return null;
  if (specs.every((s) => s.type === 'tensor')) {
    const tensors = specs.map((s) => zeros(s['tensor-spec']?.shape ?? [-1], placeholder(s['tensor-spec']?.dtype ?? 'float64')));
    if (specs.length === 1 || specs.some((s) => !s.name)) return { inputs: tensors[0] };
    return { inputs: Object.fromEntries(specs.map((s, i) => [s.name!, tensors[i]])) };
  }
  const row = specs.map((s) => placeholder(s.type));
  if (specs.every((s) => s.name)) return { dataframe_split: { columns: specs.map((s) => s.name!), data: [row] } };
  return { inputs: [row] };
}

function placeholder(type: string): unknown {
  const t = type.toLowerCase();
  if (/^(double|float)/.test(t)) return 0.0;
  if (/^(long|integer|int|uint)/.test(t)) return 0;
  if (t.startsWith('bool')) return false;
  if (t === 'datetime') return '2024-01-01T00:00:00';
  if (t === 'array') return [];
  if (t === 'object' || t === 'map') return {};
  return '';
}

function zeros(shape: number[], value: unknown): unknown {
  const [first, ...rest] = shape.length ? shape : [1];
  const n = first === undefined || first < 1 ? 1 : Math.min(first, 64);
  return Array.from({ length: n }, () => (rest.length ? zeros(rest, value) : value));
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function safeYaml(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return null;
  }
}
