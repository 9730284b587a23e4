import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { columnFor } from '../../../../../renderer/components/runs-table/columns';
import type { PlacedColumn, RowActions } from '../../../../../renderer/components/runs-table/layout';
import { GroupRowView, RunRowView } from '../../../../../renderer/components/runs-table/RunsTableRow';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

const noop = () => undefined;
const actions: RowActions = { toggleSelected: noop, toggleExpanded: noop, toggleGroup: noop, setPinned: noop, setHidden: noop, openRun: noop };
const placed = (ids: string[]): PlacedColumn[] => ids.map((id, i) => ({ column: columnFor(id)!, left: 300 + i * 100, width: 100 }));
const fixed = { nameWidth: 200, pinned: [], width: 232 };

function runRow(pending: ReadonlySet<string>) {
  const record = indexRun(makeRun({ id: 'r1', metrics: { loss: 0.25 }, params: { opt: 'adam' } }));
  return renderToStaticMarkup(
    createElement(RunRowView, {
      row: { kind: 'run', key: 'r1', record, depth: 0, childCount: 0, expanded: false, aggregates: null },
      top: 0, height: 28, width: 600, fixed, cols: placed(['metrics.loss', 'params.opt']),
      cursor: false, selected: false, pinned: false, hidden: false, now: 0, pending, actions,
    }),
  );
}

const cellOf = (html: string, id: string) => new RegExp(`<div[^>]*data-col="${id.replace('.', '\\.')}"[^>]*>(.*?)</div>`).exec(html)?.[0] ?? '';

describe('runs table rows', () => {
  it('a cell whose column is being read shows a placeholder, the others their values', () => {
    const html = runRow(new Set(['params.opt']));
    expect(cellOf(html, 'params.opt')).toContain('data-testid="cell-pending"');
    expect(cellOf(html, 'params.opt')).toContain('aria-busy="true"');
    expect(cellOf(html, 'params.opt')).not.toContain('adam');
    expect(cellOf(html, 'metrics.loss')).toContain('0.25');
    expect(cellOf(html, 'metrics.loss')).not.toContain('cell-pending');
    const none = runRow(new Set());
    expect(none).not.toContain('cell-pending');
    expect(cellOf(none, 'params.opt')).toContain('adam');
  });

  it('no control of a row is in the tab order (the grid body is the one tab stop), with no effect to do it', () => {
    const html = runRow(new Set());
    const controls = html.match(/<(button|a)\b[^>]*>/g) ?? [];
    expect(controls.length).toBeGreaterThanOrEqual(4);
    for (const c of controls) expect(c).toContain('tabindex="-1"');
  });

  it('a group row shows the placeholder under a column being read', () => {
    const html = renderToStaticMarkup(
      createElement(GroupRowView, {
        row: { kind: 'group', key: 'group:=a', column: columnFor('params.opt')!, value: 'a', count: 2, collapsed: false, aggregates: { loss: null } },
        top: 0, height: 28, width: 600, fixed, cols: placed(['metrics.loss']), cursor: false, pending: new Set(['metrics.loss']), actions,
      }),
    );
    expect(cellOf(html, 'metrics.loss')).toContain('cell-pending');
  });
});
