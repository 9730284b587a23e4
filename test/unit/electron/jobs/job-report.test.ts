import { describe, expect, it } from 'vitest';
import { exitCodeOf, formatReport, type JobReport } from '../../../../electron/jobs/job-report';

const report: JobReport = { kind: 'push', state: 'succeeded', summary: 'pushed 3 runs', problems: [], progress: { itemsDone: 3, bytesDone: 0 }, ranIn: 'in this process', durationMs: 5 };

describe('job report', () => {
  it('exits 0 only for a job that succeeded with no problem', () => {
    expect(exitCodeOf(report)).toBe(0);
    expect(exitCodeOf({ state: 'succeeded', problems: [{ item: 'a', message: 'b' }] })).toBe(1);
    expect(exitCodeOf({ state: 'failed', problems: [] })).toBe(1);
    expect(exitCodeOf({ state: 'cancelled', problems: [] })).toBe(130);
  });

  it('prints the summary or the JSON report on stdout and one line per problem on stderr', () => {
    const failed = { ...report, state: 'failed' as const, summary: 'pushed 2 of 3 runs\n', problems: [{ item: 'run abc', message: 'param lr exists on the remote\nwith another value' }] };
    expect(formatReport(failed, false)).toEqual({ stdout: 'pushed 2 of 3 runs\n', stderr: ['run abc: param lr exists on the remote with another value'], exitCode: 1 });
    const json = formatReport(failed, true);
    expect(JSON.parse(json.stdout)).toEqual(failed);
    expect(json.stdout.trimEnd()).not.toContain('\n');
  });
});
