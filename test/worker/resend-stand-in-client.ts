import { inject } from 'vitest';

/** One request the Resend stand-in received on its API. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

/** What the stand-in answers requests carrying one API key; an accepted mail by default. */
export interface StandInBehaviour {
  status: number;
  body?: unknown;
  /** Never answer (until the client gives up). */
  hang?: boolean;
}

/**
 * The tests' side of the Resend stand-in (test/worker/resend-stand-in.ts, started by the
 * global setup): its URL, telling it how to answer a key, reading what it received.
 */
export const resendStandIn = {
  url: () => inject('resendStandInUrl'),
  async answer(key: string, behaviour: StandInBehaviour) {
    const res = await fetch(`${this.url()}/_stand-in/keys/${encodeURIComponent(key)}`, {
      method: 'PUT',
      body: JSON.stringify(behaviour),
    });
    if (res.status !== 204) throw new Error(`stand-in refused the behaviour: ${res.status}`);
  },
  async requests(key: string): Promise<RecordedRequest[]> {
    const res = await fetch(`${this.url()}/_stand-in/keys/${encodeURIComponent(key)}/requests`);
    return (await res.json()) as RecordedRequest[];
  },
};
