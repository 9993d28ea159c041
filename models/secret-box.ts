import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { NaboError } from '../kernel/errors.js';

/**
 * Secrets kept at rest (Slack bot tokens): AES-256-GCM with a key the operator holds outside
 * the database, so a copy of the database or a backup alone reveals no token. Each secret is
 * bound to what it belongs to (`context`, e.g. the workspace id): a sealed value copied onto
 * another record does not open there.
 */
export interface SealedSecret {
  /** Which key sealed it (a short digest of the key, never the key): names a key mix-up. */
  keyId: string;
  /** Base64: 12-byte nonce, 16-byte authentication tag, ciphertext. */
  iv: string;
  tag: string;
  data: string;
}

export interface SecretBox {
  readonly keyId: string;
  seal(plaintext: string, context: string): SealedSecret;
  open(sealed: SealedSecret, context: string): string;
}

const KEY_BYTES = 32;

/** A 32-byte key from its text form: 64 hex digits or base64 (as `openssl rand -base64 32` prints). */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : undefined;
  return key?.length === KEY_BYTES ? key : undefined;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) {
    throw new NaboError('CONFIG_INVALID', 'The encryption key must be 32 bytes (AES-256)');
  }
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    },
    open(sealed, context) {
      if (sealed.keyId !== keyId) {
        throw new NaboError(
          'CONFIG_INVALID',
          `A secret was sealed with another key (${sealed.keyId}, this one is ${keyId})`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        return Buffer.concat([
          decipher.update(Buffer.from(sealed.data, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new NaboError('INTERNAL', 'A stored secret could not be opened (tampered or moved)', {
          cause: error,
        });
      }
    },
  };
}
