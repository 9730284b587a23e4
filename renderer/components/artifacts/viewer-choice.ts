import { baseName, extension } from './artifact-paths';
import { looksBinary, startsWith } from './bytes';

/** Which preview shows a file. The names are the `data-viewer` values the e2e tests look for. */
export type ViewerKind = 'image' | 'code' | 'json' | 'yaml' | 'markdown' | 'table' | 'html' | 'pdf' | 'mlmodel' | 'binary';

/** The languages registered with highlight.js (see highlight.ts). */
export type CodeLanguage = 'python' | 'json' | 'yaml' | 'bash' | 'javascript' | 'typescript' | 'sql' | 'markdown' | 'ini' | 'xml' | 'plaintext';

export interface ViewerChoice {
  kind: ViewerKind;
  /** For `code`. */
  language?: CodeLanguage;
  /** For `image` and `pdf`: the type of the Blob the frame or image loads. */
  mime?: string;
  /** For `table`: tab for .tsv; absent for .csv, whose separator is sniffed (`;` is common too). */
  delimiter?: '\t';
}

/** SVG is an image to the user but a document to the browser: it is drawn to a PNG to be shown. */
export const SVG_MIME = 'image/svg+xml';

const IMAGE_MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  bmp: 'image/bmp', ico: 'image/x-icon', avif: 'image/avif', svg: SVG_MIME,
};

const CODE: Record<string, CodeLanguage> = {
  py: 'python', pyi: 'python', sh: 'bash', bash: 'bash', zsh: 'bash', js: 'javascript', mjs: 'javascript',
  cjs: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript', mts: 'typescript', sql: 'sql',
  ini: 'ini', cfg: 'ini', toml: 'ini', conf: 'ini', properties: 'ini', env: 'ini', xml: 'xml', xsd: 'xml',
  jsonl: 'json', ndjson: 'json', txt: 'plaintext', log: 'plaintext', text: 'plaintext', out: 'plaintext',
  err: 'plaintext', rst: 'plaintext', tex: 'plaintext', r: 'plaintext', java: 'plaintext', c: 'plaintext',
  h: 'plaintext', cpp: 'plaintext', go: 'plaintext', rs: 'plaintext', scala: 'plaintext', proto: 'plaintext',
  pbtxt: 'plaintext',
};

const BINARY = new Set(
  ('pkl pickle joblib pt pth ckpt bin npy npz h5 hdf5 keras onnx parquet feather arrow avro orc zip gz tgz tar bz2 ' +
    'xz zst 7z whl so dylib dll exe safetensors pb tflite mp3 mp4 wav ogg avi mov mkv db sqlite xlsx xls docx pptx ' +
    'msgpack cbm ttf woff woff2 class jar').split(' '),
);

const SIMPLE: Record<string, ViewerChoice> = {
  json: { kind: 'json' }, ipynb: { kind: 'json' }, geojson: { kind: 'json' },
  yaml: { kind: 'yaml' }, yml: { kind: 'yaml' },
  md: { kind: 'markdown' }, markdown: { kind: 'markdown' },
  csv: { kind: 'table' }, tsv: { kind: 'table', delimiter: '\t' }, tab: { kind: 'table', delimiter: '\t' },
  html: { kind: 'html' }, htm: { kind: 'html' },
  pdf: { kind: 'pdf', mime: 'application/pdf' },
};

/** The viewer a file's name implies, or null when only its content can tell. */
export function viewerForName(path: string): ViewerChoice | null {
  if (baseName(path) === 'MLmodel') return { kind: 'mlmodel' };
  const ext = extension(path);
  if (IMAGE_MIME[ext]) return { kind: 'image', mime: IMAGE_MIME[ext] };
  if (SIMPLE[ext]) return SIMPLE[ext];
  if (CODE[ext]) return { kind: 'code', language: CODE[ext] };
  if (BINARY.has(ext)) return { kind: 'binary' };
  return null;
}

/** The image type the first bytes announce, or null. */
export function sniffImage(bytes: Uint8Array): string | null {
  if (startsWith(bytes, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'image/gif';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'image/webp';
  if (startsWith(bytes, 'BM')) return 'image/bmp';
  return null;
}

const isPdf = (bytes: Uint8Array) => startsWith(bytes, '%PDF-');
const isSvg = (bytes: Uint8Array) => !looksBinary(bytes) && /<svg[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)));

/**
 * The viewer for a file once its first bytes are known. The name proposes and the content
 * decides: an image or PDF whose bytes are not one is shown as binary (never handed to a
 * decoder under a type it is not), text-like names with binary content are binary, and a
 * name that says nothing is sniffed (images, PDF, else text or binary).
 */
export function viewerForContent(path: string, bytes: Uint8Array): ViewerChoice {
  const byName = viewerForName(path);
  if (byName?.kind === 'binary') return byName;
  if (byName?.kind === 'image') {
    if (byName.mime === SVG_MIME) return isSvg(bytes) ? byName : { kind: 'binary' };
    const sniffed = sniffImage(bytes);
    return sniffed ? { kind: 'image', mime: sniffed } : { kind: 'binary' };
  }
  if (byName?.kind === 'pdf') return isPdf(bytes) ? byName : { kind: 'binary' };
  if (byName) return looksBinary(bytes) ? { kind: 'binary' } : byName;
  const image = sniffImage(bytes);
  if (image) return { kind: 'image', mime: image };
  if (isPdf(bytes)) return { kind: 'pdf', mime: 'application/pdf' };
  return looksBinary(bytes) ? { kind: 'binary' } : { kind: 'code', language: 'plaintext' };
}

/** Viewers that cannot show part of a file: they need every byte or nothing. */
export const NEEDS_WHOLE_FILE: ReadonlySet<ViewerKind> = new Set(['image', 'pdf']);
