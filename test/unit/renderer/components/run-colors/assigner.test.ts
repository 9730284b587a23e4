import { describe, expect, it } from 'vitest';
import { createRunColorAssigner } from '../../../../../renderer/components/run-colors/assigner';
import { RUN_COLORS } from '../../../../../renderer/components/run-colors/palette';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const COLORS = ['#000001', '#000002', '#000003', '#000004'];

describe('run colour assigner', () => {
  it('gives the first 10 runs asked for 10 distinct colours, in palette order', () => {
    const a = createRunColorAssigner(RUN_COLORS);
    const got = ids('run', 10).map((id) => a.colorOf(id));
    expect(got).toEqual(RUN_COLORS.slice(0, 10));
  });

  it('keeps a run’s colour while it keeps being asked for, whatever is asked in between', () => {
    const a = createRunColorAssigner(COLORS);
    const first = ids('r', 3).map((id) => a.colorOf(id));
    for (let pass = 0; pass < 5; pass++) {
      a.colorOf(`other${pass}`); // one more run each pass: past the 4 colours, colours get shared
      expect(ids('r', 3).map((id) => a.colorOf(id))).toEqual(first);
    }
  });

  it('once every colour is held, reuses the colour asked for least recently', () => {
    const a = createRunColorAssigner(COLORS);
    for (const id of ['a', 'b', 'c', 'd']) a.colorOf(id);
    // 'a' and 'c' are on screen again; 'b' and 'd' scrolled away
    a.colorOf('a');
    a.colorOf('c');
    expect(a.colorOf('e')).toBe('#000002'); // b's
    expect(a.colorOf('f')).toBe('#000004'); // d's
    expect(a.colorOf('g')).toBe('#000001'); // then a's, the stalest now
  });

  it('gives a new set of runs distinct colours even when old runs hold every colour', () => {
    const a = createRunColorAssigner(COLORS);
    for (const id of ids('old', 9)) a.colorOf(id);
    const fresh = ids('new', 4).map((id) => a.colorOf(id));
    expect(new Set(fresh).size).toBe(4);
  });

  it('frees a colour when its run is the least recent of more than `capacity`, and reassigns it when asked again', () => {
    const a = createRunColorAssigner(COLORS, { capacity: 3, inView: () => false, moment: () => 0 });
    expect(a.colorOf('a')).toBe('#000001');
    a.colorOf('b');
    a.colorOf('c');
    a.colorOf('d'); // 'a' drops out: capacity 3
    expect(a.held()).toBe(3);
    expect(a.colorOf('e')).toBe('#000001'); // no one holds a's colour any more
    expect(a.colorOf('a')).not.toBe('#000001');
  });

  it('answers the same run the same colour however often it is asked (renders repeat)', () => {
    const a = createRunColorAssigner(RUN_COLORS);
    const c = a.colorOf('x');
    for (let i = 0; i < 100; i++) expect(a.colorOf('x')).toBe(c);
    expect(a.held()).toBe(1);
  });

  describe('with what is on screen known', () => {
    /** A moment that tests move on, and a set of runs whose swatches are mounted. */
    function screen() {
      const shown = new Set<string>();
      const clock = { t: 0 };
      const a = createRunColorAssigner(COLORS, { inView: (id) => shown.has(id), moment: () => clock.t });
      return { a, shown, clock };
    }

    it('gives runs shown later the palette’s first colours again once the earlier ones left the screen', () => {
      const { a, shown, clock } = screen();
      for (const id of ['a1', 'a2']) {
        shown.add(id);
        a.colorOf(id);
      }
      shown.clear(); // experiment A's table unmounted
      clock.t = 1;
      expect(['b1', 'b2'].map((id) => a.colorOf(id))).toEqual(['#000001', '#000002']);
      // A's runs keep theirs when they come back
      expect(a.colorOf('a1')).toBe('#000001');
    });

    it('never gives a new run the colour of a run on screen, even one not asked for in a while (a row not re-rendered)', () => {
      const { a, shown, clock } = screen();
      shown.add('top');
      a.colorOf('top');
      clock.t = 2;
      expect(a.colorOf('child')).toBe('#000002');
    });

    it('counts colours asked for in this moment as taken: rows rendered together, not mounted yet', () => {
      const { a } = screen();
      expect(['r1', 'r2', 'r3'].map((id) => a.colorOf(id))).toEqual(['#000001', '#000002', '#000003']);
    });
  });
});
