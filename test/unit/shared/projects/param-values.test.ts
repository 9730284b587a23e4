import { describe, expect, it } from 'vitest';
import { isPythonFloat, isPythonInt } from '../../../../shared/projects/param-values';
import { isPythonFloat as formFloat } from '../../../../renderer/state/project-params';

// each as Python 3.11's float() and int() read it (checked with the project's venv)
const FLOATS_OK = ['1', '-2.5', '.5', '5.', '1e-3', '1E+4', ' 3 ', '\t3\n', 'inf', '-Infinity', '+nan', 'NaN', '1_000', '1_000.5', '1e1_0', '1_0e1', '1.5_5', '.5_5', '1e+1_0', '007'];
const FLOATS_BAD = ['', ' ', 'abc', '1,5', '0x10', '1e', '--1', '1__0', '_1', '1_', '1._5', '1_.5', '5_.e1', '.', 'infinit', 'e5', '1.5.2'];

describe('parameter values, as Python reads them', () => {
  it("accepts what float() accepts, underscores between digits included, and nothing else", () => {
    for (const v of FLOATS_OK) expect(isPythonFloat(v), JSON.stringify(v)).toBe(true);
    for (const v of FLOATS_BAD) expect(isPythonFloat(v), JSON.stringify(v)).toBe(false);
  });

  it('accepts what int() accepts in base 10', () => {
    for (const v of ['7', '-3', '+1_000', '007', ' 7 ']) expect(isPythonInt(v), v).toBe(true);
    for (const v of ['', '1.0', '1e3', '1__0', '_1', '0x10', 'inf']) expect(isPythonInt(v), v).toBe(false);
  });

  it('is the check the Run project form makes', () => {
    expect(formFloat).toBe(isPythonFloat);
  });
});
