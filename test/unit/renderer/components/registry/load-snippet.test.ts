import { describe, expect, it } from 'vitest';
import { loadSnippet } from '../../../../../renderer/components/registry/load-snippet';

describe('loadSnippet', () => {
  it('loads by each alias, then by version, against the local server', () => {
    expect(loadSnippet({ name: 'churn', version: '3', aliases: ['champion', 'prod-eu'], trackingUri: 'http://127.0.0.1:5000' })).toBe(
      [
        'import mlflow',
        '',
        'mlflow.set_tracking_uri("http://127.0.0.1:5000")',
        '',
        '# By alias (each follows its alias when it moves):',
        'model = mlflow.pyfunc.load_model("models:/churn@champion")',
        'model = mlflow.pyfunc.load_model("models:/churn@prod-eu")',
        '',
        '# This exact version:',
        'model = mlflow.pyfunc.load_model("models:/churn/3")',
      ].join('\n'),
    );
  });

  it('has only the version line without aliases or a known server', () => {
    expect(loadSnippet({ name: 'churn', version: '1', aliases: [] })).toBe(
      ['import mlflow', '', '# This exact version:', 'model = mlflow.pyfunc.load_model("models:/churn/1")'].join('\n'),
    );
  });

  it('escapes a hostile model name into a single Python string literal', () => {
    const code = loadSnippet({ name: 'x")\nimport os; os.system("rm -rf /', version: '2', aliases: [] });
    const last = code.split('\n').at(-1);
    expect(last).toBe('model = mlflow.pyfunc.load_model("models:/x\\")\\nimport os; os.system(\\"rm -rf //2")');
    expect(code.split('\n')).toHaveLength(4);
  });
});
