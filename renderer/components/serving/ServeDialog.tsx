import { createPortal } from 'react-dom';
import { TransferModal } from '../transfer/TransferModal';
import { ServePanel } from './ServePanel';
import './serving.css';

/** Serving an alias (from its chip): the serve panel in a dialog; a server started here goes on when it closes. */
export function ServeDialog({ modelUri, onClose }: { modelUri: string; onClose(): void }) {
  return createPortal(
    <TransferModal
      title={`Serve ${modelUri}`}
      testId="serve-dialog"
      onClose={onClose}
      footer={
        <>
          <span className="serve-note serve-dialog-note">A server keeps running when this closes: the model’s page lists it.</span>
          <button type="button" onClick={onClose}>Close</button>
        </>
      }
    >
      <div className="serve-dialog-body">
        <ServePanel modelUri={modelUri} />
      </div>
    </TransferModal>,
    document.body,
  );
}
