import { describe, expect, it } from 'vitest';
import { forwardProjectOutput, ProjectEventHub } from '../../../../electron/projects/project-output';

describe('forwardProjectOutput', () => {
  it('turns output (notes included) into projects.output events and nothing else, until stopped', () => {
    const hub = new ProjectEventHub();
    const sent: unknown[] = [];
    const stop = forwardProjectOutput((m) => sent.push(m), hub);
    hub.publish({ type: 'run', jobId: 'j', runId: 'r', experimentId: '0', runName: 'n' });
    hub.publish({ type: 'output', jobId: 'j', runId: 'r', stream: 'stdout', text: 'a\n' });
    hub.publish({ type: 'output', jobId: 'j', runId: 'r', stream: 'note', text: 'creating\n' });
    stop();
    hub.publish({ type: 'output', jobId: 'j', runId: 'r', stream: 'stderr', text: 'late\n' });
    expect(sent).toEqual([
      { event: 'projects.output', payload: { jobId: 'j', runId: 'r', text: 'a\n' } },
      { event: 'projects.output', payload: { jobId: 'j', runId: 'r', text: 'creating\n' } },
    ]);
  });
});
