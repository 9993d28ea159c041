/**
 * Turns give way to acknowledgements. A web worker acknowledges events and runs turns on one
 * event loop: every database answer or Slack reply a turn waits for is handled in the loop's I/O
 * phase, together with the next request's read and its inbox write, so with several turns in
 * flight an acknowledgement used to wait for their CPU-heavy steps (reading the message,
 * rendering the answer). Before such a step a turn awaits `giveWay()`: the steps waiting run one
 * per turn of the loop, each after the I/O that arrived meanwhile, so a request is stored and
 * answered between two steps instead of after all of them. Order is kept (first come, first run).
 */
const waiting: Array<() => void> = [];
let scheduled = false;

export function giveWay(): Promise<void> {
  return new Promise((resume) => {
    waiting.push(resume);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNext);
    }
  });
}

function runNext(): void {
  // The step resumes in this callback's microtasks; the next one waits for the loop's next turn
  // (an immediate queued while immediates run goes to the next iteration, after its I/O).
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(runNext);
  else scheduled = false;
}
