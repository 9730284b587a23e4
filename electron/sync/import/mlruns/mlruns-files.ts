import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument, visit } from 'yaml';
import { SourceError } from '../import-source';
import type { KeyValue } from '../../../store/ops/op-types';

export type YamlMap = Record<string, unknown>;

/**
 * A meta.yaml as MLflow's file store writes it (PyYAML, ending with a newline). A file that is
 * empty, cut short (no final newline, or without the key PyYAML writes last), or not a mapping is
 * a SourceError naming `item`.
 */
export async function readMeta(file: string, item: string, lastKey: string): Promise<YamlMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SourceError(item, `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!text.endsWith('\n')) throw new SourceError(item, `${file} is cut short (a half-written meta.yaml); copy the folder again once MLflow has finished writing`);
  let doc: unknown;
  try {
    doc = parsePyYaml(text);
  } catch (err) {
    throw new SourceError(item, `${file} is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new SourceError(item, `${file} is not an MLflow meta.yaml (no mapping in it)`);
  if (lastKey && !(lastKey in doc)) throw new SourceError(item, `${file} is cut short or not an MLflow meta.yaml (it has no '${lastKey}')`);
  return doc as YamlMap;
}

/**
 * YAML as PyYAML wrote it, every plain scalar kept as its text (nulls as null): PyYAML resolves
 * scalars by YAML 1.1 rules no JavaScript schema matches exactly (a run id like 123e4567… is a
 * string to it), so numbers are converted where a number is meant, never guessed.
 */
export function parsePyYaml(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length) throw doc.errors[0]!;
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && node.value !== null && typeof node.source === 'string') node.value = node.source;
    },
  });
  return doc.toJS();
}

/** A whole number written as text (status codes, vertex types), else null. */
export const int = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : null);

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() === true;
}

export async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

export interface WalkedFile {
  rel: string;
  file: string;
  size: number;
  /** A symbolic link: never followed (it could lead anywhere outside the source). */
  link?: true;
}

/** Files under `dir` as '/'-joined relative paths (keys with '/' are nested folders in the file store); links are listed, not followed. */
export async function walkFiles(dir: string, prefix = ''): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  for (const name of await entries(dir)) {
    const file = join(dir, name);
    const st = await lstat(file).catch(() => null);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (st?.isDirectory()) out.push(...(await walkFiles(file, rel)));
    else if (st?.isFile()) out.push({ rel, file, size: st.size });
    else if (st?.isSymbolicLink()) out.push({ rel, file, size: 0, link: true });
  }
  return out;
}

/** params/ or tags/: one file per key (content = value, no newline), keys with '/' nested. */
export async function readKeyValues(dir: string, item: string): Promise<KeyValue[]> {
  const out: KeyValue[] = [];
  for (const f of await walkFiles(dir)) {
    if (f.link) continue;
    try {
      out.push({ key: f.rel, value: await readFile(f.file, 'utf8') });
    } catch (err) {
      throw new SourceError(item, `${f.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  return out;
}
