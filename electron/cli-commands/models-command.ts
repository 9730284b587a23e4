// Owned by the serving work (issue 13): replaced with `sextant models serve`.
export const modelsHelp = 'sextant models serve -m MODEL_URI: serves a model (being built)';
export async function modelsCommand(_argv: string[]): Promise<number> {
  console.error('sextant models: not built yet');
  return 2;
}
