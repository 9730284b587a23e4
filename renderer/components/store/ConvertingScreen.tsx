import type { StoreStatus } from '../../../shared/ipc/store-types';
import { formatEta, jobRate } from '../../state/job-rate';
import { formatSize } from '../artifacts/format-size';
import { useStoreStatus } from '../../state/store-status-store';
import { progressFraction } from '../sync/job-summary';
import { GateFrame } from './GateFrame';
import { useStoreStatusStore } from './store-status-context';
import { conversionTitle } from './store-texts';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The whole window while the store is converted (encrypted, decrypted or given a new key): the
 * store is closed meanwhile, so nothing else can be shown. Items, bytes, rate and ETA as the jobs
 * panel shows them; Cancel while the conversion can still be undone.
 */
export function ConvertingScreen({ status }: { status: StoreStatus }) {
  const store = useStoreStatusStore();
  const samples = useStoreStatus(store, (s) => s.samples);
  const cancelling = useStoreStatus(store, (s) => s.busy === 'cancel');
  const cancelError = useStoreStatus(store, (s) => (s.error?.action === 'cancel' ? s.error.message : null));
  const c = status.conversion;
  const title = conversionTitle(c?.action ?? 'encrypt');
  const p = c?.progress;
  const f = c ? progressFraction(c) : null;
  const rate = p ? jobRate(samples, p) : null;
  const counts = p && (p.itemsDone || p.bytesDone || p.itemsTotal || p.bytesTotal)
    ? [
        `${n(p.itemsDone)}${p.itemsTotal !== undefined ? ` / ${n(p.itemsTotal)}` : ''} items`,
        p.bytesDone || p.bytesTotal ? `${formatSize(p.bytesDone)}${p.bytesTotal ? ` / ${formatSize(p.bytesTotal)}` : ''}` : null,
        rate?.bytesPerSec ? `${formatSize(rate.bytesPerSec)}/s` : null,
        rate?.etaSec != null ? `about ${formatEta(rate.etaSec)} left` : null,
      ].filter(Boolean)
    : [];
  return (
    <GateFrame testId="converting-screen" width="medium">
      <h1><span className="store-spinner large" aria-hidden="true" />{title}</h1>
      <p className="store-gate-path" title={status.path}>
        <code>{status.path}</code>
      </p>
      <div className={`store-bar${f === null ? ' indeterminate' : ''}`} role="progressbar" aria-label={title} aria-valuenow={f === null ? undefined : Math.round(f * 100)} aria-valuemin={0} aria-valuemax={100} data-testid="converting-bar">
        <span style={f === null ? undefined : { width: `${f * 100}%` }} />
      </div>
      <p className="store-phase" data-testid="converting-phase" title={p?.current}>
        <strong>{p?.phase ?? 'Starting…'}{p?.current ? ':' : ''}</strong>
        {p?.current && (
          <>
            {' '}
            <span className="store-current">{p.current}</span>
          </>
        )}
      </p>
      <p className="muted store-counts" data-testid="converting-counts">{counts.join(' · ')}</p>
      {cancelError && <p className="error-note" role="alert">{cancelError}</p>}
      <p className="store-hint">
        Sextant is unavailable until this ends. Quitting or a power cut is safe: the store is left as it was or fully converted, never half of each, and the next start finishes or undoes the conversion.
      </p>
      {c?.cancellable && (
        <div className="store-gate-buttons">
          <button type="button" onClick={() => void store.getState().cancelConversion()} disabled={cancelling} data-testid="converting-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
    </GateFrame>
  );
}
