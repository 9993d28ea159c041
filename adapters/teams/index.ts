/** The Teams adapter's public face: the web process and the jobs need nothing else from here. */
export { createTeamsPlatform, type TeamsPlatform, type TeamsPlatformOptions } from './platform.js';
export { TEAMS_MESSAGES_PATH } from './route.js';
