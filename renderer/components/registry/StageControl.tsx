import { useState } from 'react';
import type { ModelVersion, Stage } from '../../../shared/domain/registry';
import { StageBadge } from './StageBadge';
import { TransitionDialog } from './TransitionDialog';

interface Props {
  name: string;
  version: ModelVersion;
  versions: readonly ModelVersion[];
  onTransition(stage: Stage, archiveExisting: boolean): Promise<void>;
}

/** A version's stage badge with the button that opens the transition dialog. */
export function StageControl({ name, version, versions, onTransition }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <span className="stage-control">
      <StageBadge stage={version.current_stage} />
      <button type="button" data-testid="transition-button" title="Change stage" onClick={() => setOpen(true)}>
        Change…
      </button>
      {open && <TransitionDialog name={name} version={version} versions={versions} onConfirm={onTransition} onClose={() => setOpen(false)} />}
    </span>
  );
}
