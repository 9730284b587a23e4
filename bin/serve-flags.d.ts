export declare const DEFAULT_SERVE_V8_FLAGS: string;
export interface ServeProcess {
  env: NodeJS.ProcessEnv;
  execArgv: string[];
  execPath: string;
  script: string;
  execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never;
}
export declare function restartWithServeFlags(args: string[], proc: ServeProcess): boolean;
