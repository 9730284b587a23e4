import { useEffect, useMemo, useRef, useState } from 'react';
import type { Client } from '../../api/client';
import { base64ToBytes } from '../artifacts/bytes';
import { useBlobUrl } from '../artifacts/use-blob-url';
import { formatDate } from '../format-date';
import { RunSwatch } from '../run-colors/RunSwatch';
import type { RunMeta } from './chart-types';
import { type LoggedImage, nearestImage, stepsOf } from './logged-images';
import { useSeenOnce } from './use-visible';

const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

/** An image's bytes, read once per path when its cell nears the viewport; the compressed copy when there is one. */
function useImageBytes(api: Client, runId: string, image: LoggedImage | null, seen: boolean) {
  const path = image && seen ? (image.thumb ?? image.full) : null;
  const [state, setState] = useState<{ path: string; bytes: Uint8Array<ArrayBuffer> | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api
      .call('artifacts.read', { runId, path, maxBytes: MAX_IMAGE_BYTES })
      .then((r) => live && setState({ path, bytes: base64ToBytes(r.base64), error: null }))
      .catch((e: unknown) => live && setState({ path, bytes: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [api, runId, path]);
  const current = state?.path === path ? state : null;
  const type = path?.toLowerCase().endsWith('.webp') ? 'image/webp' : path?.toLowerCase().match(/\.jpe?g$/) ? 'image/jpeg' : 'image/png';
  return { url: useBlobUrl(current?.bytes ?? null, type), error: current?.error ?? null };
}

function ImageCell({ api, run, images, step }: { api: Client; run: RunMeta; images: readonly LoggedImage[]; step: number }) {
  const box = useRef<HTMLElement>(null);
  const seen = useSeenOnce(box);
  const image = nearestImage(images, step);
  const { url, error } = useImageBytes(api, run.id, image, seen);
  return (
    <figure ref={box} className="image-cell" data-testid="image-cell" data-run-id={run.id} data-step={image?.step ?? ''}>
      <div className="image-grid-frame">
        {url && image ? <img src={url} alt={`${image.key} of ${run.name} at step ${image.step}`} /> : <span className="muted">{error ? 'Failed to load' : image ? 'Loading…' : 'No image'}</span>}
      </div>
      <figcaption>
        <span className="image-run"><RunSwatch runId={run.id} /> <span title={run.name}>{run.name}</span></span>
        {image && <span className="muted" title={formatDate(image.timestamp)}>step {image.step}{image.step !== step ? ' (nearest)' : ''}</span>}
      </figcaption>
    </figure>
  );
}

/** One image key: the charted runs' images side by side at the step picked on a slider (each run's nearest logged step). */
export function ImageKeyGrid({ api, imageKey, runs, perRun }: { api: Client; imageKey: string; runs: RunMeta[]; perRun: Record<string, readonly LoggedImage[]> }) {
  const steps = useMemo(() => stepsOf(runs.map((r) => perRun[r.id] ?? [])), [runs, perRun]);
  const [index, setIndex] = useState<number | null>(null); // null: the last step
  const i = Math.min(index ?? steps.length - 1, steps.length - 1);
  const step = steps[i] ?? 0;
  const shown = runs.filter((r) => perRun[r.id]?.length);
  return (
    <div className="image-grid-panel" data-testid="image-grid" data-image-key={imageKey} data-step={step}>
      <div className="image-grid-head">
        <span className="metric-chart-title">{imageKey}</span>
        {steps.length > 1 && (
          <label>
            Step
            <input type="range" min={0} max={steps.length - 1} step={1} value={i} onChange={(e) => setIndex(Number(e.target.value))} aria-label={`Step of ${imageKey}`} data-testid="image-step" />
            <output>{step}</output>
          </label>
        )}
        {steps.length === 1 && <span className="muted">step {step}</span>}
      </div>
      <div className="image-grid">
        {shown.map((r) => <ImageCell key={r.id} api={api} run={r} images={perRun[r.id]!} step={step} />)}
      </div>
    </div>
  );
}
