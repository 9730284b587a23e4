import type { ReactNode } from 'react';
import './store.css';

/** The whole window while the store cannot be used yet: one centred card, nothing of the app behind it. */
export function GateFrame({ testId, children, wide }: { testId: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className="store-gate" data-app-ready="true" data-testid={testId}>
      <div className={`store-gate-card${wide ? ' wide' : ''}`}>{children}</div>
    </div>
  );
}
