import { describe, expect, it } from 'vitest';
import { lastPython, rememberPython } from '../../../../renderer/state/project-python-pref';

describe('the Python last given to Run project', () => {
  it('is remembered trimmed, and is empty without storage or when storage fails', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(lastPython(storage)).toBe('');
    rememberPython(storage, ' /opt/venv/bin/python ');
    expect(lastPython(storage)).toBe('/opt/venv/bin/python');
    expect(lastPython(null)).toBe('');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(() => rememberPython(broken, '/x')).not.toThrow();
    expect(lastPython(broken)).toBe('');
  });
});
