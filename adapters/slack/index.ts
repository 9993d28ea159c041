/** The Slack adapter's public face: the web process and jobs need only these. */
export {
  chooseTransport,
  createSlackPlatform,
  SLACK_EVENTS_PATH,
  type SlackPlatform,
  type SlackPlatformOptions,
  type SlackTransport,
} from './platform.js';
export { MAX_BODY_BYTES } from './limits.js';
export { SLACK_BOT_SCOPES, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH } from './install.js';
