/**
 * The fake Slack of bench/fanout-1000.ts in a process of its own (fake-slack.ts says why). The
 * workspace cap is the first argument; prints its API URL on the first line of stdout.
 */
import { startFakeSlack } from './fake-slack.js';

const slack = await startFakeSlack(Number(process.argv[2] ?? 50));
console.log(slack.url);
process.on('SIGTERM', () => {
  void slack.close().then(() => process.exit(0));
});
