import { describe, expect, it } from 'vitest';
import { viewerForContent, viewerForName } from '../../../../../renderer/components/artifacts/viewer-choice';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const PNG = bytes('\x89PNG\r\n\x1a\n\0\0\0\rIHDR');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
const ZIP = bytes('PK\x03\x04\x14\0\0\0');

describe('viewerForName', () => {
  it.each([
    ['plots/loss.png', 'image'], ['a.JPG', 'image'], ['a.jpeg', 'image'], ['anim.gif', 'image'], ['x.webp', 'image'], ['chart.svg', 'image'],
    ['report.pdf', 'pdf'],
    ['metrics.json', 'json'], ['notebook.ipynb', 'json'],
    ['conda.yaml', 'yaml'], ['config.yml', 'yaml'],
    ['README.md', 'markdown'], ['notes.markdown', 'markdown'],
    ['data.csv', 'table'], ['data.tsv', 'table'],
    ['report.html', 'html'], ['index.htm', 'html'],
    ['model/MLmodel', 'mlmodel'],
    ['train.py', 'code'], ['run.sh', 'code'], ['q.sql', 'code'], ['setup.cfg', 'code'], ['log.txt', 'code'], ['a.ts', 'code'], ['pom.xml', 'code'],
    ['model/model.pkl', 'binary'], ['weights.pt', 'binary'], ['x.npy', 'binary'], ['t.parquet', 'binary'], ['bundle.tar.gz', 'binary'], ['m.onnx', 'binary'],
  ])('%s → %s', (path, kind) => {
    expect(viewerForName(path)?.kind).toBe(kind);
  });

  it('gives code its language, tables their delimiter and images their type', () => {
    expect(viewerForName('src/train.py')).toEqual({ kind: 'code', language: 'python' });
    expect(viewerForName('pyproject.toml')).toEqual({ kind: 'code', language: 'ini' });
    expect(viewerForName('events.jsonl')).toEqual({ kind: 'code', language: 'json' });
    expect(viewerForName('x.tsv')?.delimiter).toBe('\t');
    expect(viewerForName('x.csv')?.delimiter).toBeUndefined();
    expect(viewerForName('x.svg')?.mime).toBe('image/svg+xml');
  });

  it('leaves names without a known extension to the content', () => {
    expect(viewerForName('LICENSE')).toBeNull();
    expect(viewerForName('weird.xyz')).toBeNull();
    expect(viewerForName('.env')).toBeNull();
    expect(viewerForName('MLmodel.bak')).toBeNull();
  });
});

describe('viewerForContent', () => {
  it('trusts an image name only when the bytes are that kind of image', () => {
    expect(viewerForContent('a.png', PNG)).toEqual({ kind: 'image', mime: 'image/png' });
    expect(viewerForContent('a.png', JPEG)).toEqual({ kind: 'image', mime: 'image/jpeg' });
    expect(viewerForContent('a.png', bytes('<html><script>alert(1)</script>'))).toEqual({ kind: 'binary' });
  });

  it('shows SVG only when it is SVG text', () => {
    expect(viewerForContent('a.svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ kind: 'image', mime: 'image/svg+xml' });
    expect(viewerForContent('a.svg', bytes('<html><body>hi</body></html>'))).toEqual({ kind: 'binary' });
  });

  it('frames a PDF only when it starts like one', () => {
    expect(viewerForContent('r.pdf', PDF).kind).toBe('pdf');
    expect(viewerForContent('r.pdf', bytes('<html>'))).toEqual({ kind: 'binary' });
  });

  it('shows text-like names with binary content as binary', () => {
    expect(viewerForContent('data.csv', ZIP)).toEqual({ kind: 'binary' });
    expect(viewerForContent('train.py', bytes('ok'))).toEqual({ kind: 'code', language: 'python' });
  });

  it('sniffs files whose name says nothing', () => {
    expect(viewerForContent('LICENSE', bytes('MIT License\n'))).toEqual({ kind: 'code', language: 'plaintext' });
    expect(viewerForContent('plot', PNG)).toEqual({ kind: 'image', mime: 'image/png' });
    expect(viewerForContent('doc', PDF).kind).toBe('pdf');
    expect(viewerForContent('blob', ZIP)).toEqual({ kind: 'binary' });
    expect(viewerForContent('latin1', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]))).toEqual({ kind: 'binary' });
  });

  it('does not call a UTF-8 character cut at the end of a partial read binary', () => {
    const euro = new TextEncoder().encode('price: €'); // € is 3 bytes
    expect(viewerForContent('notes', euro.subarray(0, euro.length - 1)).kind).toBe('code');
  });
});
