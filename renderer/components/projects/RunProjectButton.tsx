import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { ProjectRerun } from '../../state/project-rerun';
import { RunProjectDialog } from './RunProjectDialog';

interface Props {
  label?: string;
  className?: string;
  testId: string;
  title?: string;
  experimentName?: string;
  rerun?: ProjectRerun;
}

/** A button that opens the Run project dialog (with a rerun's values, when given), on the page's body: not styled by where the button is. */
export function RunProjectButton({ label = 'Run project…', className, testId, title, experimentName, rerun }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} data-testid={testId} title={title ?? 'Run an MLflow project (a folder or git repository with an MLproject file) into this store'}>
        {label}
      </button>
      {open && createPortal(<RunProjectDialog onClose={() => setOpen(false)} {...(experimentName ? { experimentName } : {})} {...(rerun ? { rerun } : {})} />, document.body)}
    </>
  );
}
