/**
 * Slack's documented limits and Nabo's own, in one place, so the renderer, the receiver and the
 * tests agree on them. Slack rejects a whole message when one block breaks a limit, so the
 * renderer keeps inside these rather than trusting the core to.
 */

/** Largest request body read from Slack. Real payloads are a few kB; this stops memory abuse. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Slack signs requests with a timestamp; anything further away than this is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** Slack waits 3 s for an acknowledgement; answer a little before that if a listener has not. */
export const ACK_DEADLINE_MS = 2_500;

/** A trigger_id opens a modal only within 3 s of the click; leave room for the round trip. */
export const TRIGGER_LIFETIME_MS = 2_500;

export const MAX_BLOCKS_PER_MESSAGE = 50;
export const MAX_BLOCKS_PER_VIEW = 100;
export const MAX_SECTION_TEXT = 3_000;
/** Top-level `text` is the notification fallback; Slack truncates long ones anyway. */
export const MAX_FALLBACK_TEXT = 3_000;
export const MAX_ELEMENTS_PER_ACTIONS_BLOCK = 25;
export const MAX_BUTTON_TEXT = 75;
export const MAX_ACTION_ID = 255;
export const MAX_BUTTON_VALUE = 2_000;
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
export const MAX_PRIVATE_METADATA = 3_000;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTIONS = 100;

/** Largest file a person may share with the bot; the download stops as soon as it passes this. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A 429 is waited out this long at most; a longer Retry-After fails the send (jobs retry). */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;
/** Retries after a 429 for sends; reads are not retried. */
export const RATE_LIMIT_RETRIES = 2;

/** auth.test results are trusted this long, so /healthz does not call Slack on every probe. */
export const AUTH_CHECK_CACHE_MS = 60_000;

/** Bot turns running at once per process; more wait their turn (see TurnQueue). */
export const MAX_CONCURRENT_TURNS = 8;
/** Turns waiting beyond this make the receiver answer 503, so Slack retries later. */
export const MAX_QUEUED_TURNS = 2_000;
