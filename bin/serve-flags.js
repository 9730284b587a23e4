// V8 flags for `sextant serve`, given by the process replacing itself (see restartWithServeFlags).

/** The default: a 32 MB semi-space (V8's default maximum on 64-bit is 16 MB). */
export const DEFAULT_SERVE_V8_FLAGS = '--max-semi-space-size=32';

/**
 * `sextant serve` is a long-running server whose requests make many short-lived objects: a
 * larger young generation lets more of them die young (fewer scavenges, less promoted to the
 * old generation and its mark-compacts). V8 sizes the young generation when the process
 * starts, so the flags are given by replacing the process with itself through `execve`
 * (process.execve, Node >= 22.15: same pid, no second process, signals and exit codes as
 * before). Nothing happens for other commands, without execve, once applied, or when a flag
 * of the same name is already given (command line or NODE_OPTIONS).
 * SEXTANT_SERVE_V8_FLAGS overrides the flags ('' for none).
 *
 * @param {string[]} args the command's arguments
 * @param {{ env: NodeJS.ProcessEnv, execArgv: string[], execPath: string, script: string, execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }} proc
 * @returns {boolean} false when the process goes on as started (execve does not return)
 */
export function restartWithServeFlags(args, proc) {
  const flags = (proc.env.SEXTANT_SERVE_V8_FLAGS ?? DEFAULT_SERVE_V8_FLAGS).split(/\s+/).filter(Boolean);
  if (args[0] !== 'serve' || flags.length === 0 || typeof proc.execve !== 'function') return false;
  if (proc.env.SEXTANT_SERVE_FLAGS_APPLIED === '1') return false;
  const given = [...proc.execArgv, proc.env.NODE_OPTIONS ?? ''].join(' ');
  if (flags.some((f) => given.includes(f.split('=')[0]))) return false;
  proc.execve(proc.execPath, [proc.execPath, ...proc.execArgv, ...flags, proc.script, ...args], { ...proc.env, SEXTANT_SERVE_FLAGS_APPLIED: '1' });
  return true;
}
