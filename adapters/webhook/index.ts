/** The webhook adapter's public face: the composition root needs only these. */
export { webhookConfigFromEnvironment, type WebhookConfig } from './config.js';
export { createWebhookPlatform, WEBHOOK_EVENTS_PATH, type WebhookPlatform } from './platform.js';
export { SIGNATURE_HEADER, sign } from './signature.js';
export { WEBHOOK_PLATFORM, webhookIdentity } from './inbound.js';
