import { useEffect, type ReactNode } from 'react';
import './transfer.css';

interface Props {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  /** The buttons at the bottom. */
  footer: ReactNode;
}

/** The frame of a transfer dialog: closes on Escape and on the backdrop (a job it started goes on in the progress panel). */
export function TransferModal({ title, testId, onClose, children, footer }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()} role="presentation">
      <div className="modal transfer-dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="transfer-dialog-head">
          <h2>{title}</h2>
          <button type="button" className="transfer-close" onClick={onClose} aria-label="Close" title="Close (Esc)">×</button>
        </header>
        <div className="transfer-dialog-body">{children}</div>
        <footer className="buttons transfer-buttons">{footer}</footer>
      </div>
    </div>
  );
}
