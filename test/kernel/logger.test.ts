import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NaboError } from '../../kernel/errors.js';
import { createLogger } from '../../kernel/logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logging errors', () => {
  it('when an error quoting a resident is logged, then the line names its class and code, never the message', () => {
    const { lines, logger } = capture();
    const error = new NaboError(
      'ALREADY_EXISTS',
      'E11000 duplicate key: { names: "Ove Christensen" }',
    );
    logger.warn({ err: error, personId: 'p1' }, 'import failed');
    logger.warn({ error: new TypeError('Cannot read Gudrunsvej 10') }, 'turn failed');

    expect(lines[0]).toMatchObject({
      err: { class: 'NaboError', code: 'ALREADY_EXISTS' },
      personId: 'p1',
    });
    expect(lines[1]).toMatchObject({ error: { class: 'TypeError' } });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('Christensen');
    expect(text).not.toContain('Gudrunsvej');
  });

  it("when a platform's HTTP answer fails, then its status and the platform's message are kept for the operator", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('Conversation not found'), { statusCode: 404 });
    logger.error({ err: error }, 'send failed');
    expect(lines[0]).toMatchObject({
      err: { class: 'Error', status: 404, message: 'Conversation not found' },
    });
  });

  it('when an error sits below the top of a line, or is a plain object, then its class is kept, not erased by the redaction', () => {
    const { lines, logger } = capture();
    const aborted = Object.assign(new Error('Gudrunsvej 10'), { name: 'AbortError' });
    logger.error({ failure: { err: aborted } }, 'nested');
    logger.error(
      { err: { name: 'RestError', code: 'ConversationNotFound', statusCode: 404 } },
      'sdk',
    );
    logger.info({ resident: { name: 'Ove Christensen' } }, 'slipped in');

    expect(lines[0]).toMatchObject({ failure: { err: { class: 'AbortError' } } });
    expect(lines[1]).toMatchObject({
      err: { class: 'RestError', code: 'ConversationNotFound', status: 404 },
    });
    expect(lines[2]).toMatchObject({ resident: { name: '[redacted]' } });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('Gudrunsvej');
    expect(text).not.toContain('Christensen');
  });
});
