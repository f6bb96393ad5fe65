/**
 * The read benchmark's client in its own process (apiReads.ts forks it): it takes one ReadRequest over IPC, times it
 * and sends back the ReadRun, then leaves.
 */
import { timeReads, type ReadRequest } from './apiReads';

process.once('message', (request: ReadRequest) => {
  timeReads(request).then(
    (run) => process.send?.({ run }, () => process.disconnect()),
    (err: unknown) => process.send?.({ error: String(err) }, () => process.disconnect()),
  );
});
