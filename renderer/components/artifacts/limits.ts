/** Files above this size are previewed only when the user asks ("Load"). */
export const PREVIEW_LIMIT = 2_000_000;

/** The most `artifacts.read` returns in one call (the contract's cap on maxBytes). */
export const MAX_READ = 64 * 1024 * 1024;

/** Above this, text is shown without syntax highlighting (highlighting megabytes blocks the UI). */
export const HIGHLIGHT_LIMIT = 512 * 1024;
