// A fake MLflow artifact proxy for transfer tests: PUT stores (hashing as it streams, so a
// large upload is never held in memory), GET serves, `artifacts?path=` lists, and the mpu/*
// routes do multipart with part URLs on `partsOrigin`. `fail` lets a test answer chosen requests.
import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type LocalHttp, readText, sendJson, startLocalHttp } from './local-http';

export interface StoredFile {
  size: number;
  sha256: string;
  /** Kept only for files up to 16 MiB. */
  bytes?: Buffer;
}

export interface ArtifactServer extends LocalHttp {
  files: Map<string, StoredFile>;
  completes: { dir: string; body: { path: string; upload_id: string; parts: { part_number: number; etag: string; url: string }[] } }[];
  aborts: string[];
  /** Return true after answering to take over a request. */
  fail?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** null: mpu/create answers 501 NOT_IMPLEMENTED; 'missing': 404. */
  multipart: 'on' | 'not-implemented' | 'missing';
  partsOrigin?: string;
}

const KEEP_LIMIT = 16 * 1024 * 1024;

async function store(req: IncomingMessage): Promise<StoredFile> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    hash.update(b);
    size += b.length;
    if (size <= KEEP_LIMIT) kept.push(b);
  }
  return { size, sha256: hash.digest('hex'), ...(size <= KEEP_LIMIT ? { bytes: Buffer.concat(kept) } : {}) };
}

export async function startArtifactServer(): Promise<ArtifactServer> {
  const parts = new Map<string, Map<number, Buffer>>();
  let uploads = 0;
  const state: Pick<ArtifactServer, 'files' | 'completes' | 'aborts' | 'multipart' | 'fail' | 'partsOrigin'> = { files: new Map(), completes: [], aborts: [], multipart: 'on' };
  const http = await startLocalHttp(async (req, res) => {
    if (state.fail?.(req, res)) return;
    const url = new URL(req.url ?? '', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const artifact = /^\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.+)$/.exec(path);
    const mpu = /^\/api\/2\.0\/mlflow-artifacts\/mpu\/(create|complete|abort)\/(.+)$/.exec(path);
    const part = /^\/parts\/([^/]+)\/(\d+)$/.exec(path);
    if (req.method === 'PUT' && artifact) {
      state.files.set(artifact[1]!, await store(req));
      return sendJson(res, 200, '{}');
    }
    if (req.method === 'GET' && artifact) {
      const file = state.files.get(artifact[1]!);
      if (!file?.bytes) return sendJson(res, 404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"no such file"}');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.size) });
      return res.end(file.bytes);
    }
    if (req.method === 'GET' && path === '/api/2.0/mlflow-artifacts/artifacts') {
      const dir = url.searchParams.get('path') ?? '';
      const names = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
      for (const [key, f] of state.files) {
        if (!key.startsWith(`${dir}/`)) continue;
        const [head, ...rest] = key.slice(dir.length + 1).split('/');
        names.set(head!, rest.length ? { path: head!, is_dir: true } : { path: head!, is_dir: false, file_size: f.size });
      }
      return sendJson(res, 200, JSON.stringify({ files: [...names.values()] }));
    }
    if (req.method === 'POST' && mpu) {
      const body = JSON.parse(await readText(req)) as { path: string; num_parts?: number; upload_id?: string; parts?: never };
      if (state.multipart === 'missing') return sendJson(res, 404, '{"error_code":"ENDPOINT_NOT_FOUND","message":"no"}');
      if (state.multipart === 'not-implemented') {
        return sendJson(res, 501, '{"error_code":"NOT_IMPLEMENTED","message":"Multipart upload is not supported for the current artifact repository"}');
      }
      const dir = mpu[2]!;
      if (mpu[1] === 'create') {
        const id = `up${++uploads}`;
        parts.set(id, new Map());
        const origin = state.partsOrigin ?? http.url;
        const credentials = Array.from({ length: body.num_parts ?? 1 }, (_, i) => ({ url: `${origin}/parts/${id}/${i + 1}?X-Signature=secret`, part_number: i + 1, headers: { 'x-part': String(i + 1) } }));
        return sendJson(res, 200, JSON.stringify({ upload_id: id, credentials }));
      }
      if (mpu[1] === 'abort') {
        state.aborts.push(body.upload_id ?? '');
        return sendJson(res, 200, '{}');
      }
      const complete = body as unknown as ArtifactServer['completes'][number]['body'];
      state.completes.push({ dir, body: complete });
      const got = parts.get(complete.upload_id)!;
      const bytes = Buffer.concat(complete.parts.map((p) => got.get(p.part_number)!));
      state.files.set(`${dir}/${complete.path}`, { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes });
      return sendJson(res, 200, '{}');
    }
    if (req.method === 'PUT' && part) {
      const stored = await store(req);
      if (req.headers['x-part'] !== part[2]) return sendJson(res, 400, '{"message":"part header missing"}');
      parts.get(part[1]!)?.set(Number(part[2]), stored.bytes!);
      res.writeHead(200, { etag: `"etag-${part[2]}"` });
      return res.end();
    }
    sendJson(res, 404, '{"error_code":"ENDPOINT_NOT_FOUND","message":"not here"}');
  });
  return Object.assign(state, http) as ArtifactServer;
}
