/**
 * Raw HTTP, for what fetch will not send: a lying Content-Length, a chunked body that never ends.
 * Runs as its own process (`rawPost` below) because nock, loaded into every test process, holds
 * a request back until its body has ended, and these bodies never end.
 *
 * As a process: argv = url, headers as JSON, bytes to stream in 64 KiB chunks (0: headers only).
 * Prints the answer's status code.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { RUN_TYPESCRIPT } from '../../support/child-node.js';

const CHUNK = Buffer.alloc(64 * 1024, 'a');

export async function rawPost(
  url: string,
  headers: Record<string, string | number>,
  streamBytes = 0,
): Promise<number> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [...RUN_TYPESCRIPT, script, url, JSON.stringify(headers), String(streamBytes)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`raw-post exited with ${code}: ${output}`);
  return Number(output.trim());
}

function post(
  url: string,
  headers: Record<string, string | number>,
  streamBytes: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      outgoing.destroy();
    });
    outgoing.on('error', (error) => {
      // The server closes the connection after refusing; the status may already be in.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ECONNRESET' && code !== 'EPIPE') reject(error);
    });
    outgoing.flushHeaders();
    for (let sent = 0; sent < streamBytes; sent += CHUNK.length) outgoing.write(CHUNK);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url = '', headers = '{}', streamBytes = '0'] = process.argv.slice(2);
  const status = await post(url, JSON.parse(headers), Number(streamBytes));
  process.stdout.write(`${status}\n`);
  process.exit(0);
}
