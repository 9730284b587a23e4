/** Every keyboard shortcut of the app, in one place, by where it works. */
export const SHORTCUTS: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      ['?', 'Show or hide this sheet'],
      ['Esc', 'Close dialogs, clear the selection'],
      ['[', 'Fold or unfold the experiments sidebar'],
      ['g then e', 'Go to the experiment list'],
    ],
  },
  {
    title: 'Experiment page',
    keys: [
      ['/', 'Focus the run filter'],
      ['c', 'Compare the selected runs'],
    ],
  },
  {
    title: 'Runs table header (one Tab stop)',
    keys: [
      ['← →  Home End', 'Move along the column titles'],
      ['Enter', 'Sort by the column: ascending, descending, then off'],
      ['p', 'Pin or unpin the column at the left'],
    ],
  },
  {
    title: 'Runs table rows (the next Tab stop)',
    keys: [
      ['↓ ↑  or  j k', 'Move the cursor to the next or previous row'],
      ['Home End  PgUp PgDn', 'First, last, a page down or up'],
      ['Space', 'Select or unselect the run (Shift: every run from the last one picked)'],
      ['x', 'Add the run to the compare set or take it out (the set is the selection; the cursor stays)'],
      ['Enter', 'Open the run'],
      ['→ ←', 'Show or hide the runs nested under a parent (← on a nested run goes to its parent)'],
    ],
  },
];

export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <div className="modal shortcuts-sheet" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()} data-testid="shortcuts-sheet">
        <h2>Keyboard shortcuts</h2>
        {/* one table, so the keys line up across the groups */}
        <table>
          {SHORTCUTS.map((group) => (
            <tbody key={group.title}>
              <tr>
                <th colSpan={2} scope="colgroup">{group.title}</th>
              </tr>
              {group.keys.map(([keys, what]) => (
                <tr key={keys}>
                  <td><kbd>{keys}</kbd></td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
