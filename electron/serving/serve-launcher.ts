/**
 * The Python side of a scoring server's start: runs a module (uvicorn, or mlflow's CLI) as
 * `python -m` would, and stops the whole process group as soon as its stdin closes, which happens
 * when the Sextant process that started it ends for any reason (a SIGKILL included): a model
 * server never outlives the process managing it.
 */
export const LAUNCHER = [
  'import os, runpy, signal, sys, threading',
  'def _watch():',
  '    try:',
  '        while os.read(0, 65536):',  // the raw descriptor: no buffered reader's lock held at interpreter shutdown
  '            pass',
  '    except OSError:',
  '        pass',
  '    os.killpg(os.getpgrp(), signal.SIGTERM)',
  'threading.Thread(target=_watch, daemon=True).start()',
  'module = sys.argv[1]',
  'sys.argv = [module] + sys.argv[2:]',
  'runpy.run_module(module, run_name="__main__", alter_sys=True)',
].join('\n');

/** argv for `python -m <module> <args>` through the launcher. */
export const launcherArgs = (module: string, args: string[]) => ['-c', LAUNCHER, module, ...args];
