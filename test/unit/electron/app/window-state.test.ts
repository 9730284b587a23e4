import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, initialBounds, windowStateOf } from '../../../../electron/app/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window bounds', () => {
  it('uses the default size the first time', () => {
    expect(initialBounds(null, [laptop])).toEqual(DEFAULT_SIZE);
  });

  it('restores the saved place when it is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(initialBounds(saved, [laptop, external])).toEqual({ x: 1600, y: 100, width: 1200, height: 800 });
  });

  it('centres the saved size, shrunk to fit, when its display is gone', () => {
    const saved = { x: 1600, y: 100, width: 2400, height: 1300, maximized: true };
    expect(initialBounds(saved, [laptop])).toEqual({ width: 1440, height: 900 });
  });

  it('does not restore a window with only a sliver on screen', () => {
    const saved = { x: 1400, y: 100, width: 800, height: 600, maximized: false };
    expect(initialBounds(saved, [laptop])).toEqual({ width: 800, height: 600 });
  });

  it('saves rounded normal bounds within the schema limits', () => {
    expect(windowStateOf({ x: 10.4, y: 20.6, width: 100, height: 50 }, true)).toEqual({ x: 10, y: 21, width: 400, height: 300, maximized: true });
  });
});
