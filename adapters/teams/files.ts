import type { SharedFile } from '../../src/core/inbound.js';
import { LimitExceededError, NaboError } from '../../kernel/errors.js';

/**
 * Files sent to the bot in a personal chat. Teams puts them in the person's OneDrive and hands
 * the bot a short-lived, pre-authorised download URL; no bot token is involved.
 */

export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Residents' lists are small; anything larger is a mistake or abuse, not a list. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

const DOWNLOAD_TIMEOUT_MS = 30_000;

const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  pdf: 'application/pdf',
};

export interface TeamsFileAttachment {
  contentType?: string;
  name?: string;
  content?: unknown;
}

/** The file of a `file.download.info` attachment, or undefined for any other attachment. */
export function sharedFile(attachment: TeamsFileAttachment): SharedFile | undefined {
  if (attachment.contentType !== TEAMS_FILE_DOWNLOAD_INFO) return undefined;
  const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
  const downloadUrl = content?.downloadUrl;
  if (typeof downloadUrl !== 'string' || !downloadUrl.startsWith('https://')) return undefined;
  const fileType = typeof content?.fileType === 'string' ? content.fileType.toLowerCase() : '';
  return {
    name: attachment.name ?? 'file',
    mimeType: MIME_TYPES[fileType],
    // Teams does not say how large the file is; the download enforces the limit.
    sizeBytes: undefined,
    ref: { downloadUrl },
  };
}

/** The content of a shared file, from the pre-authorised URL Teams gave, within the size limit. */
export function downloadSharedFile(
  file: SharedFile,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<Buffer> {
  const url = typeof file.ref.downloadUrl === 'string' ? file.ref.downloadUrl : '';
  if (!url.startsWith('https://')) {
    return Promise.reject(new NaboError('INVALID_INPUT', 'Not a Teams file download address'));
  }
  return downloadLimited(url, maxBytes, fetchImpl);
}

async function downloadLimited(
  url: string,
  maxBytes: number,
  fetchImpl: typeof fetch,
): Promise<Buffer> {
  // A link that never answers must not hold the coordinator's turn: the same bound as Slack's.
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) {
    throw new NaboError(
      'DEPENDENCY_UNAVAILABLE',
      `Teams file download failed with ${response.status}`,
    );
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
  // Counted while reading too: a missing or wrong content-length must not let a huge file in.
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): LimitExceededError {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new LimitExceededError('file_bytes', maxBytes, `The file is larger than ${megabytes} MB`);
}
