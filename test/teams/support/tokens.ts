import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import nock from 'nock';

/**
 * Tokens as the Bot Framework channel service signs them, minted with a locally generated RSA
 * key whose OpenID metadata and JWKS nock serves in place of login.botframework.com.
 */

export const OPENID_HOST = 'https://login.botframework.com';
export const OPENID_PATH = '/v1/.well-known/openidconfiguration';
export const JWKS_PATH = '/v1/.well-known/keys';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function createSigningKey(kid: string, endorsements: string[] = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { ...jwk, kid, kty: 'RSA', use: 'sig', endorsements } };
}

/** Serves the OpenID metadata and the JWKS with the given public keys, for as long as the file runs. */
export function serveOpenIdMetadata(keys: SigningKey[]): void {
  nock(OPENID_HOST)
    .persist()
    .get(OPENID_PATH)
    .reply(200, {
      issuer: CHANNEL_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${OPENID_HOST}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get(JWKS_PATH)
    .reply(200, { keys: keys.map((key) => key.jwk) });
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An RS256 JWT with `kid` in its header; claims as given. */
export function mintToken(key: SigningKey, claims: Record<string, unknown>, kid = key.kid): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(key.privateKey).toString('base64url')}`;
}

/** The claims Teams' channel service puts in a token for `appId` and `serviceUrl`, valid for an hour. */
export function channelClaims(
  appId: string,
  serviceUrl: string,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  return {
    iss: CHANNEL_ISSUER,
    aud: appId,
    serviceurl: serviceUrl,
    nbf: nowSeconds - 60,
    iat: nowSeconds - 60,
    exp: nowSeconds + 3600,
  };
}
