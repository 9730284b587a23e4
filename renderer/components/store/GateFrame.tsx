import type { ReactNode } from 'react';
import './store.css';

/** The whole window while the store cannot be used yet: one centred card, nothing of the app behind it. */
export function GateFrame({ testId, children, width }: { testId: string; children: ReactNode; width?: 'medium' | 'wide' }) {
  return (
    <div className="store-gate" data-app-ready="true" data-testid={testId}>
      <div className={`store-gate-card${width ? ` ${width}` : ''}`}>{children}</div>
    </div>
  );
}
