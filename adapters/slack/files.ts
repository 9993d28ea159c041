import type { SharedFile } from '../../src/core/inbound.js';
import { LimitExceededError, NaboError } from '../../kernel/errors.js';
import { MAX_FILE_BYTES } from './limits.js';

export interface SlackFileInfo {
  name?: unknown;
  mimetype?: unknown;
  size?: unknown;
  url_private?: unknown;
  url_private_download?: unknown;
}

export interface FileDownloadOptions {
  token: string;
  /** Hosts the bot token may be sent to besides Slack's own (a test or proxy API host). */
  extraHosts: string[];
  maxBytes?: number;
}

/**
 * A file shared in a DM, as data: its private URL is where the adapter fetches it when the core
 * asks (downloadSlackFile), with the bot token and only from Slack's hosts.
 */
export function sharedFile(file: SlackFileInfo): SharedFile | undefined {
  const url =
    typeof file.url_private_download === 'string'
      ? file.url_private_download
      : typeof file.url_private === 'string'
        ? file.url_private
        : undefined;
  if (!url) return undefined;
  const sizeBytes = typeof file.size === 'number' ? file.size : undefined;
  return {
    name: typeof file.name === 'string' ? file.name : 'file',
    mimeType: typeof file.mimetype === 'string' ? file.mimetype : undefined,
    sizeBytes,
    ref: { url },
  };
}

/**
 * The content of a shared file. The URL comes from a request body, and the token must never be
 * sent to an address someone wrote into one: only Slack's hosts are asked. The download stops as
 * soon as it passes the size limit.
 */
export function downloadSharedFile(
  file: SharedFile,
  options: FileDownloadOptions,
): Promise<Buffer> {
  const url = typeof file.ref.url === 'string' ? file.ref.url : '';
  return downloadSlackFile(url, file.sizeBytes, options);
}

export function isSlackHost(url: URL, extraHosts: string[]): boolean {
  if (url.protocol !== 'https:' && !extraHosts.includes(url.host)) return false;
  return (
    url.hostname === 'slack.com' ||
    url.hostname.endsWith('.slack.com') ||
    extraHosts.includes(url.host)
  );
}

export async function downloadSlackFile(
  address: string,
  declaredSize: number | undefined,
  options: FileDownloadOptions,
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const url = new URL(address);
  if (!isSlackHost(url, options.extraHosts)) {
    throw new NaboError('FORBIDDEN', 'File URL is not on a Slack host');
  }
  if (declaredSize !== undefined && declaredSize > maxBytes) throw tooLarge(maxBytes);
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.token}` },
    // A redirect could lead off Slack's hosts; follow none, Slack serves files directly.
    redirect: 'error',
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok || !response.body) {
    throw new NaboError(
      'DEPENDENCY_UNAVAILABLE',
      `File download failed with HTTP ${response.status}`,
    );
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > maxBytes) {
    await response.body.cancel();
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, received);
}

function tooLarge(maxBytes: number): LimitExceededError {
  return new LimitExceededError(
    'file_bytes',
    maxBytes,
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
  );
}
