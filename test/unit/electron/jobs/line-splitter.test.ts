import { describe, expect, it } from 'vitest';
import { LineSplitter, LineTooLongError } from '../../../../electron/jobs/line-splitter';

describe('LineSplitter', () => {
  it('splits lines across chunks, keeping a multi-byte character cut between chunks', () => {
    const s = new LineSplitter(100);
    const bytes = Buffer.from('{"a":"é"}\n\n{"b":1}\r\n{"c"');
    const cut = bytes.indexOf(0xa9); // the second byte of é
    expect(s.push(bytes.subarray(0, cut))).toEqual([]);
    expect(s.push(bytes.subarray(cut))).toEqual(['{"a":"é"}', '{"b":1}']);
    expect(s.push(Buffer.from(':2}\n'))).toEqual(['{"c":2}']);
  });

  it('refuses a line over the limit, complete or still arriving', () => {
    expect(new LineSplitter(10).push(Buffer.from('0123456789\n'))).toEqual(['0123456789']);
    expect(() => new LineSplitter(10).push(Buffer.from('0123456789A\n'))).toThrow(LineTooLongError);
    const s = new LineSplitter(10);
    s.push(Buffer.from('012345'));
    expect(() => s.push(Buffer.from('6789A'))).toThrow('longer than 10 bytes');
  });
});
