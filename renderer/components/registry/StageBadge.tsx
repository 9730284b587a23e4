import type { Stage } from '../../../shared/domain/registry';

/** A version's (legacy) stage as a coloured badge. */
export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <span className={`stage-badge stage-${stage.toLowerCase()}`} data-testid="stage-badge" data-stage={stage}>
      {stage}
    </span>
  );
}
