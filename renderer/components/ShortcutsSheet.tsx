/** Every keyboard shortcut of the app, in one place. */
export const SHORTCUTS: [string, string][] = [
  ['?', 'Show or hide this sheet'],
  ['/', 'Focus the run filter'],
  ['Esc', 'Close dialogs, clear the selection'],
  ['c', 'Compare the selected runs'],
  ['g then e', 'Go to the experiment list'],
];

export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <div className="modal" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td><kbd>{keys}</kbd></td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
