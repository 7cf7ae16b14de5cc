import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A database that is far away: an HTTP proxy in front of sqld that holds every request for a
 * fixed delay before forwarding it, so each libSQL round trip costs what it would cost across
 * a network (one delay per HTTP request, i.e. per round trip). It counts the requests, so a
 * bench can check the Worker's own `x-gatehouse-db-trips` count against what really arrived.
 */
export interface DelayProxy {
  url: string;
  /** Requests received so far. */
  readonly received: number;
  /** Requests received whose answer has not been sent back yet. */
  readonly inFlight: number;
  delayMs: number;
  /** Resolves once no request is in flight and none arrived for `quietMs` (counted from now). */
  settle(quietMs: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const upstream = new URL(target);
  // Keep-alive to sqld: the delay is the only distance we mean to add.
  const agent = new Agent({ keepAlive: true });
  let received = 0;
  let inFlight = 0;
  let lastArrival = 0;
  const state = { delayMs };

  const server = createServer((req, res) => {
    received++;
    inFlight++;
    lastArrival = performance.now();
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.once('close', finish);
    // The request body waits in the socket while we sleep; piping afterwards reads it all.
    void sleep(state.delayMs).then(() => {
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.once('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`delay proxy: ${error.message}`);
      });
      req.pipe(forward);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    get inFlight() {
      return inFlight;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    async settle(quietMs: number) {
      const from = performance.now();
      while (inFlight > 0 || performance.now() - Math.max(from, lastArrival) < quietMs) {
        await sleep(2);
      }
    },
    stop: () =>
      new Promise<void>((done) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
