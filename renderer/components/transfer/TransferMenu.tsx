import { useEffect, useRef, useState } from 'react';
import type { TransferCommand } from '../../../shared/ipc/transfer-types';
import { useApp } from '../../app-context';
import { useRoute } from '../../state/route-store';
import { useTransfer } from './transfer-context';
import './transfer.css';

const ITEMS: { command: TransferCommand; label: string; hint: string }[] = [
  { command: 'import-mlflow', label: 'Import MLflow data…', hint: 'An mlruns folder or an mlflow.db file' },
  { command: 'import-bundle', label: 'Import bundle…', hint: 'A bundle exported by Sextant' },
  { command: 'export-bundle', label: 'Export bundle…', hint: 'Experiments and models in one file' },
];

/** The sidebar's entry to import and export (the desktop File menu has the same three). */
export function TransferMenu() {
  const { dialogs } = useTransfer();
  const { route, experiments } = useApp();
  const current = useRoute(route, (s) => (s.route.page === 'experiment' ? s.route.experimentId : null));
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const choose = (command: TransferCommand) => {
    setOpen(false);
    // exporting from an experiment's page starts with that experiment ticked
    const name = current ? experiments.getState().list.find((e) => e.experiment_id === current)?.name : undefined;
    dialogs.getState().show(command, command === 'export-bundle' && name ? [name] : []);
  };
  return (
    <div className="transfer-menu" ref={ref}>
      <button type="button" className="transfer-menu-button" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen((o) => !o)} data-testid="transfer-menu-button">
        <span>Import / export</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul className="transfer-menu-items" role="menu" data-testid="transfer-menu">
          {ITEMS.map((item) => (
            <li key={item.command} role="none">
              <button type="button" role="menuitem" onClick={() => choose(item.command)} data-testid={`transfer-${item.command}`}>
                <strong>{item.label}</strong>
                <span className="muted">{item.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
