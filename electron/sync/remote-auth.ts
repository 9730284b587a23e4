/** How a remote is authenticated. Secrets never appear in URLs, messages or logs. */
export type RemoteAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

/** The `Authorization` header value for `auth`, or undefined for none. */
export function authorizationHeader(auth: RemoteAuth): string | undefined {
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
  }
}

/**
 * Auth from the environment as the MLflow clients read it (mlflow/utils/rest_utils.py):
 * MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (both set) give Basic; otherwise
 * MLFLOW_TRACKING_TOKEN gives Bearer; otherwise none. Like MLflow, a user name without a password
 * (or the reverse) is ignored.
 */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): RemoteAuth {
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && password) return { kind: 'basic', username, password };
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { kind: 'bearer', token };
  return { kind: 'none' };
}
