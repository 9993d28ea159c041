import { describe, expect, it } from 'vitest';
import {
  isAllowedTenant,
  mayShowResidentData,
  parseAllowList,
} from '../../src/privacy/where-data-may-appear.js';

describe('where residents’ data may appear', () => {
  it('when the conversation is a private one with the bot, then names may be shown', () => {
    expect(mayShowResidentData({ isDirect: true })).toBe(true);
    expect(mayShowResidentData({ isDirect: true, sharedWithOtherWorkspaces: false })).toBe(true);
  });

  it('when it is a channel, or shared with another organisation (Slack Connect, external Teams chat), then not', () => {
    expect(mayShowResidentData({ isDirect: false })).toBe(false);
    expect(mayShowResidentData({ isDirect: true, sharedWithOtherWorkspaces: true })).toBe(false);
  });

  it('when an allow-list is configured, then only its workspaces and tenants pass, in any case', () => {
    const allowList = parseAllowList(' T01ABC , 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ');
    expect(isAllowedTenant('T01ABC', allowList)).toBe(true);
    expect(isAllowedTenant('72f988bf-86f1-41af-91ab-2d7cd011db47', allowList)).toBe(true);
    expect(isAllowedTenant('T99XYZ', allowList)).toBe(false);
    expect(isAllowedTenant(undefined, allowList)).toBe(false);
    expect(isAllowedTenant('', allowList)).toBe(false);
  });

  it('when no allow-list is configured, then every tenant passes; an empty list lets none through', () => {
    expect(parseAllowList('  ')).toBeUndefined();
    expect(isAllowedTenant('T01ABC', undefined)).toBe(true);
    expect(isAllowedTenant('T01ABC', [])).toBe(false);
  });
});
