import { parse } from 'yaml';
import { parseSignature, type Signature } from '../artifacts/model-signature';

/** One flavor of a model (`python_function`, `sklearn`, …) with its settings as text. */
export interface Flavor {
  name: string;
  /** `loader_module` of python_function, else null. */
  loaderModule: string | null;
  entries: { key: string; value: string }[];
}

/** What a version page shows from the version's MLmodel file. */
export interface VersionModelInfo {
  flavors: Flavor[];
  signature: Signature | null;
  facts: { key: string; value: string }[];
}

const FACTS = ['model_id', 'run_id', 'artifact_path', 'mlflow_version', 'utc_time_created', 'model_size_bytes', 'model_uuid'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** A flavor's settings, one level of nesting flattened (`env.conda`), nulls left out. */
function entries(settings: unknown): { key: string; value: string }[] {
  if (!isRecord(settings)) return settings === null || settings === undefined ? [] : [{ key: '', value: show(settings) }];
  return Object.entries(settings).flatMap(([k, v]) => {
    if (v === null || v === undefined) return [];
    if (isRecord(v)) return Object.entries(v).filter(([, x]) => x !== null).map(([k2, x]) => ({ key: `${k}.${k2}`, value: show(x) }));
    return [{ key: k, value: show(v) }];
  });
}

/**
 * Parses a version's MLmodel file (YAML; the signature's inputs, outputs and params are JSON
 * strings inside it). The text is untrusted: anything odd becomes a string to show. Throws when
 * the text is not a YAML mapping.
 */
export function parseVersionMlmodel(text: string): VersionModelInfo {
  const doc: unknown = parse(text, { maxAliasCount: 50 });
  if (!isRecord(doc)) throw new Error('MLmodel is not a YAML mapping');
  const flavorMap = isRecord(doc.flavors) ? doc.flavors : {};
  const flavors = Object.entries(flavorMap).map(([name, settings]) => {
    const loader = isRecord(settings) && typeof settings.loader_module === 'string' ? settings.loader_module : null;
    return { name, loaderModule: loader, entries: entries(settings) };
  });
  const facts = FACTS.filter((k) => doc[k] !== undefined && doc[k] !== null).map((k) => ({ key: k, value: show(doc[k]) }));
  return { flavors, signature: parseSignature(doc.signature), facts };
}

/** The same, as a result: the page shows the error instead of the schema. */
export function readVersionMlmodel(text: string | null): { ok: true; info: VersionModelInfo } | { ok: false; error: string } | null {
  if (text === null) return null;
  try {
    return { ok: true, info: parseVersionMlmodel(text) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
