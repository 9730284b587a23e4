import { describe, expect, it } from 'vitest';
import { appendLog, EMPTY_LOG, logFromLines, logText, mergeWindow } from '../../../../renderer/state/project-log-buffer';

describe('project log buffer', () => {
  it('joins text streamed in pieces into lines and keeps the unfinished one apart', () => {
    let log = appendLog(EMPTY_LOG, 'epoch 1 lo');
    expect(log).toEqual({ lines: [], partial: 'epoch 1 lo', dropped: 0 });
    log = appendLog(log, 'ss=0.5\nepoch 2');
    expect(log.lines).toEqual(['epoch 1 loss=0.5']);
    expect(log.partial).toBe('epoch 2');
    log = appendLog(log, ' loss=0.4\r\n');
    expect(log.lines).toEqual(['epoch 1 loss=0.5', 'epoch 2 loss=0.4']);
    expect(logText(log)).toBe('epoch 1 loss=0.5\nepoch 2 loss=0.4');
  });

  it('keeps only the newest lines past the cap and counts the dropped ones', () => {
    let log = EMPTY_LOG;
    for (let i = 0; i < 7; i++) log = appendLog(log, `line ${i}\n`, 3);
    expect(log.lines).toEqual(['line 4', 'line 5', 'line 6']);
    expect(log.dropped).toBe(4);
    expect(logFromLines(['a', 'b', 'c'], 2)).toEqual({ lines: ['b', 'c'], partial: '', dropped: 1 });
  });

  it('lets a carriage return rewrite the line being written (progress bars)', () => {
    const log = appendLog(EMPTY_LOG, '10%\r50%\r100%\ndone');
    expect(log.lines).toEqual(['100%']);
    expect(logText(log)).toBe('100%\ndone');
  });

  it('cuts a single huge line', () => {
    const log = appendLog(EMPTY_LOG, `${'x'.repeat(10_000)}\n`);
    expect(log.lines[0]!.length).toBeLessThan(4100);
    expect(log.lines[0]).toContain('6000 more characters');
  });
});

describe('merging a job’s sliding window of lines', () => {
  it('appends only the lines after the overlap, and a window with no overlap whole', () => {
    let log = mergeWindow(EMPTY_LOG, ['a', 'b', 'c']);
    log = mergeWindow(log, ['b', 'c', 'd', 'e']);
    log = mergeWindow(log, ['c', 'd', 'e']);
    expect(log.lines).toEqual(['a', 'b', 'c', 'd', 'e']);
    log = mergeWindow(log, ['x', 'y']);
    expect(log.lines).toEqual(['a', 'b', 'c', 'd', 'e', 'x', 'y']);
    // a repeated line is new when the window moved past the overlap
    log = mergeWindow(log, ['y', 'y']);
    expect(log.lines).toEqual(['a', 'b', 'c', 'd', 'e', 'x', 'y', 'y']);
  });
});
