/**
 * Images logged with `mlflow.log_image(image, key=..., step=...)`: MLflow writes each under the
 * run's `images/` folder as `<key>%step%<step>%timestamp%<ms>%<uuid>.png` plus a smaller
 * `…%compressed.webp` (MLflow 2.x: '/' in the key written as '#'), or with '+' for '%' and '~'
 * for '/' (MLflow 3.x). This reads those names back; it never trusts them for more than labels.
 */

/** The tag MLflow sets on a run that logged images this way. */
export const LOGGED_IMAGES_TAG = 'mlflow.loggedImages';
export const IMAGES_DIR = 'images';

export interface LoggedImageFile {
  key: string;
  step: number;
  timestamp: number;
  /** The uuid MLflow put in the name: the full image and its compressed copy share it. */
  id: string;
  compressed: boolean;
  path: string;
}

const NAME = /^(.+?)([%+])step\2(-?\d+)\2timestamp\2(\d+)\2([^%+/]+?)(\2compressed)?\.(png|webp|jpe?g|gif)$/i;

/** A logged image's key, step, timestamp and kind from its artifact path, or null for any other file. */
export function parseLoggedImage(path: string): LoggedImageFile | null {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const m = NAME.exec(name);
  if (!m) return null;
  const [, rawKey, sep, step, timestamp, id, compressed] = m;
  const key = sep === '%' ? rawKey!.replace(/#/g, '/') : rawKey!.replace(/~/g, '/');
  return { key, step: Number(step), timestamp: Number(timestamp), id: id!, compressed: compressed !== undefined, path };
}

/** One logged image of a run: the full file and the compressed copy (either may be missing). */
export interface LoggedImage {
  key: string;
  step: number;
  timestamp: number;
  full: string | null;
  thumb: string | null;
}

/** A run's logged images by key, each key's images in step order (the latest logged one where a step repeats). */
export function imagesByKey(paths: readonly string[]): Map<string, LoggedImage[]> {
  const byId = new Map<string, LoggedImage>();
  for (const path of paths) {
    const f = parseLoggedImage(path);
    if (!f) continue;
    const id = `${f.key}\u0000${f.step}\u0000${f.timestamp}\u0000${f.id}`;
    const img = byId.get(id) ?? { key: f.key, step: f.step, timestamp: f.timestamp, full: null, thumb: null };
    if (f.compressed) img.thumb = f.path;
    else img.full = f.path;
    byId.set(id, img);
  }
  const out = new Map<string, LoggedImage[]>();
  for (const img of byId.values()) {
    const list = out.get(img.key) ?? [];
    const same = list.findIndex((o) => o.step === img.step);
    if (same < 0) list.push(img);
    else if (img.timestamp > list[same]!.timestamp) list[same] = img;
    out.set(img.key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.step - b.step);
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/** The image logged at the step nearest to `step` (the earlier one on a tie), or null when there is none. */
export function nearestImage(images: readonly LoggedImage[], step: number): LoggedImage | null {
  let best: LoggedImage | null = null;
  for (const img of images) if (!best || Math.abs(img.step - step) < Math.abs(best.step - step)) best = img;
  return best;
}

/** Every step any run logged the key at, ascending: the positions of the step slider. */
export function stepsOf(perRun: Iterable<readonly LoggedImage[]>): number[] {
  const steps = new Set<number>();
  for (const list of perRun) for (const img of list) steps.add(img.step);
  return [...steps].sort((a, b) => a - b);
}
