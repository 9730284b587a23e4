/**
 * How a Python environment is made for a project run or a model server: the Python on PATH (or
 * --python) as it is, or one built from python_env.yaml with `python -m venv` + pip, or with uv.
 * The one list: the CLI, the contract, the environment builder and the app's forms use it.
 */
export const ENV_MANAGERS = ['local', 'virtualenv', 'uv'] as const;
export type EnvManager = (typeof ENV_MANAGERS)[number];

export const isEnvManager = (value: unknown): value is EnvManager => (ENV_MANAGERS as readonly unknown[]).includes(value);
