import { describe, expect, it } from 'vitest';
import { afterListenFailure, isPortUnavailable, portTakenPrompt, settingsAfterAnswer, type PortAnswer } from '../../../../electron/app/port-choice';
import { MemorySettings } from '../../../../electron/app/settings';
import { launchTracking } from '../../../../electron/app/tracking-launch';

const errno = (code: string) => Object.assign(new Error(`listen ${code}: 127.0.0.1:5000`), { code });
const inUse = errno('EADDRINUSE');

describe('port-taken decision', () => {
  it('recognises a taken or forbidden port, and nothing else', () => {
    expect(isPortUnavailable(inUse)).toBe(true);
    expect(isPortUnavailable(errno('EACCES'))).toBe(true);
    expect(isPortUnavailable(errno('ENOENT'))).toBe(false);
    expect(isPortUnavailable(new Error('store is already open by process 12'))).toBe(false);
    expect(isPortUnavailable(null)).toBe(false);
  });

  it('asks, or follows the remembered choice, and fails for everything else', () => {
    expect(afterListenFailure(inUse, 5000, 'ask')).toBe('ask');
    expect(afterListenFailure(inUse, 5000, 'free-port')).toBe('free-port');
    expect(afterListenFailure(new Error('corrupt journal'), 5000, 'free-port')).toBe('fail');
    expect(afterListenFailure(inUse, 0, 'ask')).toBe('fail'); // a free port failing is not a conflict
  });

  it('remembers only "always use a free port"', () => {
    expect(settingsAfterAnswer({ choice: 'free-port', remember: true })).toEqual({ onPortInUse: 'free-port' });
    expect(settingsAfterAnswer({ choice: 'free-port', remember: false })).toBeNull();
    expect(settingsAfterAnswer({ choice: 'quit', remember: true })).toBeNull();
  });

  it('says which port, why, and what each way out does', () => {
    const p = portTakenPrompt(5000);
    expect(p.message).toContain('5000');
    expect(p.detail).toContain('MLFLOW_TRACKING_URI');
    expect(p.buttons).toEqual(['Use a free port', 'Quit']);
  });
});

describe('launchTracking', () => {
  function fakeOpen(taken: number[]) {
    const tried: number[] = [];
    const open = async (port: number) => {
      tried.push(port);
      if (taken.includes(port)) throw inUse;
      return { port: port === 0 ? 49152 : port };
    };
    return { open, tried };
  }
  const run = (settings: MemorySettings, taken: number[], answer: PortAnswer | null) => {
    const asked: number[] = [];
    const { open, tried } = fakeOpen(taken);
    const result = launchTracking({
      open,
      settings,
      ask: async (port) => {
        asked.push(port);
        if (!answer) throw new Error('should not ask');
        return answer;
      },
      log: () => {},
    });
    return { result, asked, tried };
  };

  it('starts on the port from the settings when it is free', async () => {
    const { result, tried, asked } = run(new MemorySettings({ port: 5123 }), [], null);
    expect(await result).toEqual({ port: 5123 });
    expect(tried).toEqual([5123]);
    expect(asked).toEqual([]);
  });

  it('asks when the port is taken; "use a free port" retries on port 0 and may be remembered', async () => {
    const settings = new MemorySettings();
    const { result, tried, asked } = run(settings, [5000], { choice: 'free-port', remember: true });
    expect(await result).toEqual({ port: 49152 });
    expect(asked).toEqual([5000]);
    expect(tried).toEqual([5000, 0]);
    expect(settings.get().onPortInUse).toBe('free-port');
    expect(settings.get().port).toBe(5000); // the preferred port stays; the conflict may be temporary
  });

  it('does not ask again once the choice is remembered', async () => {
    const { result, asked } = run(new MemorySettings({ onPortInUse: 'free-port' }), [5000], null);
    expect(await result).toEqual({ port: 49152 });
    expect(asked).toEqual([]);
  });

  it('resolves null when the user chooses to quit, and does not remember quitting', async () => {
    const settings = new MemorySettings();
    const { result, tried } = run(settings, [5000], { choice: 'quit', remember: true });
    expect(await result).toBeNull();
    expect(tried).toEqual([5000]);
    expect(settings.get().onPortInUse).toBe('ask');
  });

  it('passes other failures through untouched', async () => {
    const locked = new Error('store /x is already open by process 42');
    const settings = new MemorySettings();
    const result = launchTracking({ open: async () => Promise.reject(locked), settings, ask: async () => ({ choice: 'free-port', remember: false }), log: () => {} });
    await expect(result).rejects.toBe(locked);
  });
});
