import { useMemo } from 'react';
import { Markdown } from '../Markdown';
import { baseName } from './artifact-paths';
import { decodeText } from './bytes';
import { SVG_MIME, type ViewerChoice } from './viewer-choice';
import { BinaryViewer } from './viewers/BinaryViewer';
import { HtmlViewer } from './viewers/HtmlViewer';
import { ImageViewer } from './viewers/ImageViewer';
import { JsonViewer } from './viewers/JsonViewer';
import { MlModelViewer } from './viewers/MlModelViewer';
import { PdfViewer } from './viewers/PdfViewer';
import { SvgViewer } from './viewers/SvgViewer';
import { TableViewer } from './viewers/TableViewer';
import { TextViewer } from './viewers/TextViewer';
import { YamlViewer } from './viewers/YamlViewer';

interface Props {
  runId: string;
  /** How to load a model found here, when not `runs:/…` (see parseMlModel). */
  modelUri?: string | undefined;
  path: string;
  choice: ViewerChoice;
  bytes: Uint8Array<ArrayBuffer> | null;
  size: number | undefined;
  truncated: boolean;
  /** Where the bytes start in the file (> 0: its end was read, "tail"). */
  offset?: number;
  /** Reads the whole file, for viewers that can say more about it than about its start. */
  onLoadWhole?: () => void;
  /** For text: whether the file is followed as it grows, and the actions of the text viewer. */
  following?: boolean;
  onTail?: () => void;
  onFollow?: (on: boolean) => void;
}

const nothing = () => {};

/** The viewer for a file that has been read (or, for binaries, not read at all). */
export function PreviewBody({ runId, modelUri, path, choice, bytes, size, truncated, offset = 0, onLoadWhole, following = false, onTail = nothing, onFollow = nothing }: Props) {
  const text = useMemo(() => (bytes && choice.kind !== 'image' && choice.kind !== 'pdf' && choice.kind !== 'binary' ? decodeText(bytes) : ''), [bytes, choice.kind]);
  const name = baseName(path);
  if (!bytes || choice.kind === 'binary') return <BinaryViewer size={size} />;
  switch (choice.kind) {
    case 'image':
      if (choice.mime === SVG_MIME) return <SvgViewer bytes={bytes} alt={name} />;
      return <ImageViewer bytes={bytes} mime={choice.mime ?? 'application/octet-stream'} alt={name} />;
    case 'pdf':
      return <PdfViewer bytes={bytes} title={name} />;
    case 'html':
      return <HtmlViewer text={text} title={name} />;
    case 'markdown':
      return <Markdown source={text} className="artifact-markdown" />;
    case 'json':
      return <JsonViewer text={text} truncated={truncated} onLoadWhole={onLoadWhole} />;
    case 'yaml':
      return <YamlViewer text={text} truncated={truncated} onLoadWhole={onLoadWhole} />;
    case 'table':
      return <TableViewer text={text} delimiter={choice.delimiter} truncated={truncated} />;
    case 'mlmodel':
      return <MlModelViewer text={text} runId={runId} path={path} modelUri={modelUri} />;
    case 'code':
      return (
        <TextViewer key={path} text={text} language={choice.language ?? 'plaintext'} offset={offset} truncated={truncated} following={following} onTail={onTail} onFollow={onFollow} />
      );
  }
}
