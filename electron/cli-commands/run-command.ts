// Owned by the Projects work (issue 13): replaced with `sextant run`.
export const runHelp = 'sextant run URI: runs an MLflow Project (being built)';
export async function runCommand(_argv: string[]): Promise<number> {
  console.error('sextant run: not built yet');
  return 2;
}
