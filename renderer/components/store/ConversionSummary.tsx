import type { StoreStatus } from '../../../shared/ipc/store-types';
import { useStoreStatus } from '../../state/store-status-store';
import { useStoreStatusStore } from './store-status-context';
import { conversionEnd } from './store-texts';

/** How the last conversion ended (until closed, or the next one starts). */
export function ConversionSummary({ status }: { status: StoreStatus }) {
  const store = useStoreStatusStore();
  const dismissed = useStoreStatus(store, (s) => s.dismissedConversion);
  const c = status.conversion;
  if (!c || c.state === 'running' || c.id === dismissed) return null;
  const end = conversionEnd(c, status);
  return (
    <div className={`store-summary ${end.tone}`} role="status" data-testid="conversion-summary" data-tone={end.tone}>
      <div className="store-summary-head">
        <strong data-testid="conversion-headline">{end.headline}</strong>
        <button type="button" className="store-summary-close" onClick={() => store.getState().dismissConversion()} aria-label="Close" title="Close">×</button>
      </div>
      {end.details.map((d, i) => (
        <p key={i} className="muted">{d}</p>
      ))}
    </div>
  );
}
