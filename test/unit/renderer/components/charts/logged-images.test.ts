import { describe, expect, it } from 'vitest';
import { imagesByKey, nearestImage, parseLoggedImage, stepsOf } from '../../../../../renderer/components/charts/logged-images';

const v2 = (key: string, step: number, ts: number, id: string, compressed = false) => `images/${key}%step%${step}%timestamp%${ts}%${id}${compressed ? '%compressed.webp' : '.png'}`;
const v3 = (key: string, step: number, ts: number, id: string, compressed = false) => `images/${key}+step+${step}+timestamp+${ts}+${id}${compressed ? '+compressed.webp' : '.png'}`;

describe('logged image names', () => {
  it("reads MLflow 2's names, '#' standing for '/' in the key", () => {
    expect(parseLoggedImage(v2('val#samples', 12, 1700000000000, 'g1b2-c3'))).toEqual({
      key: 'val/samples', step: 12, timestamp: 1700000000000, id: 'g1b2-c3', compressed: false, path: v2('val#samples', 12, 1700000000000, 'g1b2-c3'),
    });
    expect(parseLoggedImage(v2('mask', 3, 5, 'h9', true))).toMatchObject({ key: 'mask', step: 3, compressed: true });
  });

  it("reads MLflow 3's names, '+' separating and '~' standing for '/'", () => {
    expect(parseLoggedImage(v3('val~samples', 7, 9, 'k0-1', true))).toMatchObject({ key: 'val/samples', step: 7, timestamp: 9, id: 'k0-1', compressed: true });
  });

  it('ignores any other file', () => {
    for (const p of ['images/cat.png', 'images/a%step%x%timestamp%1%u.png', 'model/MLmodel', 'images/a%step%1%timestamp%2%u.txt', 'images/a%step%1+timestamp+2%u.png']) expect(parseLoggedImage(p)).toBeNull();
  });

  it('pairs each image with its compressed copy, per key in step order, latest where a step repeats', () => {
    const paths = [
      v2('b', 10, 100, 'g1'), v2('b', 10, 100, 'g1', true),
      v2('b', 0, 50, 'h1'),
      v2('b', 10, 200, 'i1'), // logged again at step 10
      v2('a', 5, 10, 'j1', true),
      'images/notes.txt',
    ];
    const byKey = imagesByKey(paths);
    expect([...byKey.keys()]).toEqual(['a', 'b']);
    expect(byKey.get('a')).toEqual([{ key: 'a', step: 5, timestamp: 10, full: null, thumb: v2('a', 5, 10, 'j1', true) }]);
    expect(byKey.get('b')!.map((i) => [i.step, i.timestamp, i.full])).toEqual([[0, 50, v2('b', 0, 50, 'h1')], [10, 200, v2('b', 10, 200, 'i1')]]);
  });

  it('finds the nearest logged step, and all the steps of a key', () => {
    const [b] = [imagesByKey([v2('b', 0, 1, 'g'), v2('b', 10, 1, 'h'), v2('b', 20, 1, 'i')]).get('b')!];
    expect(nearestImage(b, 4)?.step).toBe(0);
    expect(nearestImage(b, 5)?.step).toBe(0);
    expect(nearestImage(b, 6)?.step).toBe(10);
    expect(nearestImage(b, 99)?.step).toBe(20);
    expect(nearestImage([], 3)).toBeNull();
    expect(stepsOf([b, imagesByKey([v2('b', 15, 1, 'k')]).get('b')!])).toEqual([0, 10, 15, 20]);
  });
});
