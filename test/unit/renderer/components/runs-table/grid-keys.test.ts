import { describe, expect, it } from 'vitest';
import { gridAction, headerIndex, movedIndex, scrollTopToShow } from '../../../../../renderer/components/runs-table/grid-keys';

const key = (k: string, mods: Partial<{ shiftKey: boolean; metaKey: boolean; ctrlKey: boolean; altKey: boolean }> = {}) => ({ key: k, shiftKey: false, metaKey: false, ctrlKey: false, altKey: false, ...mods });

describe('grid keys', () => {
  it('maps keys to grid actions, leaving modified keys and others alone', () => {
    expect(gridAction(key('j'))).toEqual({ kind: 'move', to: 'next' });
    expect(gridAction(key('ArrowDown'))).toEqual({ kind: 'move', to: 'next' });
    expect(gridAction(key('k'))).toEqual({ kind: 'move', to: 'prev' });
    expect(gridAction(key('Home'))).toEqual({ kind: 'move', to: 'first' });
    expect(gridAction(key(' '))).toEqual({ kind: 'select', range: false });
    expect(gridAction(key(' ', { shiftKey: true }))).toEqual({ kind: 'select', range: true });
    expect(gridAction(key('x'))).toEqual({ kind: 'compare' });
    expect(gridAction(key('Enter'))).toEqual({ kind: 'open' });
    expect(gridAction(key('ArrowRight'))).toEqual({ kind: 'expand' });
    expect(gridAction(key('ArrowLeft'))).toEqual({ kind: 'collapse' });
    expect(gridAction(key('j', { ctrlKey: true }))).toBeNull();
    expect(gridAction(key('c'))).toBeNull();
    expect(gridAction(key('/'))).toBeNull();
  });

  it('moves the cursor within the rows', () => {
    expect(movedIndex(-1, 5, 'next', 10)).toBe(0);
    expect(movedIndex(-1, 5, 'prev', 10)).toBe(0);
    expect(movedIndex(2, 5, 'next', 10)).toBe(3);
    expect(movedIndex(4, 5, 'next', 10)).toBe(4);
    expect(movedIndex(0, 5, 'prev', 10)).toBe(0);
    expect(movedIndex(2, 5, 'last', 10)).toBe(4);
    expect(movedIndex(3, 5, 'first', 10)).toBe(0);
    expect(movedIndex(1, 50, 'pageDown', 10)).toBe(11);
    expect(movedIndex(5, 50, 'pageUp', 10)).toBe(0);
    // rows went away under the cursor: it stays on the last one
    expect(movedIndex(9, 5, 'prev', 10)).toBe(3);
    expect(movedIndex(0, 0, 'next', 10)).toBe(-1);
  });

  it('scrolls only as far as needed to show the cursor row below the sticky header', () => {
    // already shown
    expect(scrollTopToShow(100, 130, 50, 300, 34)).toBe(50);
    // above: under the header
    expect(scrollTopToShow(100, 130, 90, 300, 34)).toBe(66);
    // below the bottom
    expect(scrollTopToShow(400, 430, 50, 300, 34)).toBe(130);
    expect(scrollTopToShow(34, 64, 10, 300, 34)).toBe(0);
  });

  it('moves along the header row with Left, Right, Home and End', () => {
    expect(headerIndex(0, 4, 'ArrowRight')).toBe(1);
    expect(headerIndex(3, 4, 'ArrowRight')).toBe(3);
    expect(headerIndex(0, 4, 'ArrowLeft')).toBe(0);
    expect(headerIndex(2, 4, 'End')).toBe(3);
    expect(headerIndex(2, 4, 'Home')).toBe(0);
    expect(headerIndex(2, 4, 'Enter')).toBeNull();
    expect(headerIndex(0, 0, 'ArrowRight')).toBeNull();
  });
});
