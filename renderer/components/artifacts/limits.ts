/** Files above this size are previewed only when the user asks ("Load"). */
export const PREVIEW_LIMIT = 2_000_000;

/** The most `artifacts.read` returns in one call (the contract's cap on maxBytes). */
export const MAX_READ = 64 * 1024 * 1024;

/**
 * Above this, the text shown is not syntax-highlighted: highlight.js and laying out its spans cost
 * about 1-5 ms per kB (most for minified JSON), so this keeps a chunk well under a second.
 */
export const HIGHLIGHT_LIMIT = 256 * 1024;

/** Lines longer than this on average (minified JSON, data dumps) are highlighted only below HIGHLIGHT_ALWAYS. */
export const HIGHLIGHT_MAX_AVERAGE_LINE = 300;
export const HIGHLIGHT_ALWAYS = 32 * 1024;

/**
 * Text viewers render a long text in chunks of at most this many lines or characters, whichever
 * comes first ("Show more" adds one), so a 20 MB log costs what a small one does to lay out.
 */
export const TEXT_CHUNK_LINES = 5_000;
export const TEXT_CHUNK_CHARS = 1_000_000;

/** "Jump to end" on a file not read to its end reads this much of its end. */
export const TAIL_READ = PREVIEW_LIMIT;

/** A followed log is re-read this often (ms), from where the last read stopped, at most FOLLOW_READ at a time. */
export const FOLLOW_POLL_MS = 2_000;
export const FOLLOW_READ = 4 * 1024 * 1024;

/** A followed log keeps at most this much of its end in memory (its start is let go, whole lines at a time). */
export const FOLLOW_KEEP = 32 * 1024 * 1024;
