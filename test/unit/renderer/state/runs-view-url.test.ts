import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_VIEW, decodeRunsView, encodeRunsView, LINK_SELECTION_MAX, linkViewOf, type RunsViewLink } from '../../../../renderer/state/runs-view-url';

const view = (over: Partial<RunsViewLink>): RunsViewLink => ({ ...DEFAULT_LINK_VIEW, ...over });

describe('the runs view in a link', () => {
  const views: RunsViewLink[] = [
    DEFAULT_LINK_VIEW,
    view({ filterText: "metrics.val_acc > 0.9 and params.optimizer = 'adam'" }),
    view({ sort: { columnId: 'metrics.val_loss', desc: false } }),
    view({ sort: { columnId: 'metrics.`odd~key`', desc: true } }),
    view({ columns: ['attributes.status', 'metrics.a,b', 'params.lr'] }),
    view({ columns: [] }),
    view({ groupBy: 'params.optimizer' }),
    view({ statusFilter: 'FAILED', lifecycle: 'all' }),
    view({ selected: ['r1', 'r2'] }),
    view({ flat: true, selected: ['r1'] }),
    view({ expanded: ['p1', 'p2'], selected: ['c1'] }),
    view({ filterText: 'tags.`a & b` = "x=y?#%"', groupBy: 'tags.a&b', selected: ['id with space'] }),
  ];

  it.each(views)('round-trips %j', (v) => {
    expect(decodeRunsView(encodeRunsView(v))).toEqual(v);
  });

  it('writes the sort as column~direction and leaves defaults out', () => {
    expect(encodeRunsView(view({ sort: { columnId: 'metrics.val_loss', desc: false }, groupBy: 'params.optimizer' }))).toBe('sort=metrics.val_loss~asc&group=params.optimizer');
  });

  it('says it carries a view even when every field is at its default', () => {
    expect(encodeRunsView(DEFAULT_LINK_VIEW)).toBe('q=');
    expect(decodeRunsView('q=')).toEqual(DEFAULT_LINK_VIEW);
  });

  it('puts at most LINK_SELECTION_MAX selected runs in a link', () => {
    const many = Array.from({ length: LINK_SELECTION_MAX + 50 }, (_, i) => `run${i}`);
    const decoded = decodeRunsView(encodeRunsView(view({ selected: many })));
    expect(decoded?.selected).toEqual(many.slice(0, LINK_SELECTION_MAX));
    expect(decodeRunsView(`sel=${many.join(',')}`)?.selected).toHaveLength(LINK_SELECTION_MAX);
  });

  it('leaves the open parents out of a flat list', () => {
    expect(encodeRunsView(view({ flat: true, expanded: ['p1'] }))).toBe('flat=1');
  });

  it('is null for a query that names no view field', () => {
    expect(decodeRunsView('')).toBeNull();
    expect(decodeRunsView('token=abc&foo=1')).toBeNull();
  });

  it('drops malformed parts one by one and keeps the rest', () => {
    expect(decodeRunsView('q=%E0%A4%A&sort=metrics.x&group=params.a')).toEqual(view({ groupBy: 'params.a' }));
    expect(decodeRunsView('sort=metrics.x~sideways')).toEqual(DEFAULT_LINK_VIEW);
    expect(decodeRunsView('sort=~asc')).toEqual(DEFAULT_LINK_VIEW);
    expect(decodeRunsView('status=DONE&life=gone')).toEqual(DEFAULT_LINK_VIEW);
    expect(decodeRunsView('sel=a,,%E0%A4%A,b,a')).toEqual(view({ selected: ['a', 'b'] }));
    expect(decodeRunsView('cols=&group=')).toEqual(view({ columns: [] }));
    expect(decodeRunsView('q&&=&q=a+b')).toEqual(view({ filterText: 'a b' }));
    expect(decodeRunsView('flat=yes&open=,')).toEqual(DEFAULT_LINK_VIEW);
  });

  it('takes the applied filter, not the half-typed one, from the store', () => {
    const state = { appliedFilter: 'metrics.a > 1', sort: null, columns: null, groupBy: null, statusFilter: null, lifecycle: 'active' as const, flat: false, selected: new Set(['x']), expanded: new Set(['p']) };
    expect(linkViewOf(state)).toEqual(view({ filterText: 'metrics.a > 1', selected: ['x'], expanded: ['p'] }));
  });
});
