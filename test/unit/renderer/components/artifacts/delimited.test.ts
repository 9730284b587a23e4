import { describe, expect, it } from 'vitest';
import { parseDelimited, sniffDelimiter, TABLE_ROW_LIMIT } from '../../../../../renderer/components/artifacts/delimited';

describe('sniffDelimiter', () => {
  it('picks the separator that splits every line the same way', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n')).toBe(';');
    expect(sniffDelimiter('a|b\n1|2')).toBe('|');
    expect(sniffDelimiter('just one column\nno separators')).toBe(',');
  });
});

describe('parseDelimited', () => {
  it('splits header and rows, honouring quotes', () => {
    const t = parseDelimited('name,note\nada,"hello, world"\nbob,"say ""hi"""\n', { delimiter: ',' });
    expect(t.header).toEqual(['name', 'note']);
    expect(t.rows).toEqual([['ada', 'hello, world'], ['bob', 'say "hi"']]);
    expect(t.totalRows).toBe(2);
  });

  it('reads TSV with the given delimiter', () => {
    expect(parseDelimited('a\tb\n1\t2\n', { delimiter: '\t' }).rows).toEqual([['1', '2']]);
  });

  it('shows the first rows and counts all of them', () => {
    const text = ['i', ...Array.from({ length: 2500 }, (_, i) => String(i))].join('\n');
    const t = parseDelimited(text);
    expect(t.rows).toHaveLength(TABLE_ROW_LIMIT);
    expect(t.rows.at(-1)).toEqual(['999']);
    expect(t.totalRows).toBe(2500);
  });

  it('pads ragged rows and names missing header cells', () => {
    const t = parseDelimited('a,b\n1\n1,2,3\n', { delimiter: ',' });
    expect(t.header).toEqual(['a', 'b', 'column 3']);
    expect(t.rows).toEqual([['1', '', ''], ['1', '2', '3']]);
  });

  it('drops the cut-off last line of a partial read', () => {
    const t = parseDelimited('a,b\n1,2\n3,', { delimiter: ',', truncated: true });
    expect(t.rows).toEqual([['1', '2']]);
  });

  it('keeps markup in cells as plain strings', () => {
    expect(parseDelimited('x\n<img src=x onerror=alert(1)>\n').rows[0]).toEqual(['<img src=x onerror=alert(1)>']);
  });
});
