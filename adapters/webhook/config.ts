/**
 * The webhook platform's settings, read from the environment by the adapter itself: a platform
 * brings its own configuration, so adding one touches no core file.
 *
 *   NABO_WEBHOOK_SECRET        shared secret that signs every request, both ways
 *   NABO_WEBHOOK_CALLBACK_URL  where Nabo POSTs its messages (the chat system's endpoint)
 *   NABO_WEBHOOK_WORKSPACES    optional allow-list of workspace ids, comma-separated
 */
export interface WebhookConfig {
  secret: string;
  callbackUrl: string;
  allowedWorkspaces?: readonly string[] | undefined;
}

export const WEBHOOK_VARIABLES = {
  secret: 'NABO_WEBHOOK_SECRET',
  callbackUrl: 'NABO_WEBHOOK_CALLBACK_URL',
  workspaces: 'NABO_WEBHOOK_WORKSPACES',
} as const;

/** Undefined when the platform is not configured: then it is not started, like Slack and Teams. */
export function webhookConfigFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): WebhookConfig | undefined {
  const secret = env[WEBHOOK_VARIABLES.secret]?.trim();
  const callbackUrl = env[WEBHOOK_VARIABLES.callbackUrl]?.trim();
  if (!secret || !callbackUrl) return undefined;
  const workspaces = (env[WEBHOOK_VARIABLES.workspaces] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return {
    secret,
    callbackUrl,
    ...(workspaces.length > 0 ? { allowedWorkspaces: workspaces } : {}),
  };
}
