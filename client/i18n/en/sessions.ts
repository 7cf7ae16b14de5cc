const s = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Live sessions of an account and its token rules. */
export const sessions = {
  title: 'Live sessions',
  endAll: 'End all',
  loading: 'Loading sessions…',
  none: 'No live session.',
  device: 'Device',
  address: 'Address',
  started: 'Started',
  lastSeen: 'Last seen',
  expires: 'Expires',
  actions: 'Actions',
  thisSession: 'this session',
  longTerm: 'Long-term',
  end: 'End',
  ended: 'Session ended.',
  endedMany: (n: number) => `Ended ${n} ${s(n, 'session', 'sessions')}.`,
  endFailed: 'Could not end the session.',
  endAllTitle: 'End all sessions',
  endAllConfirm: (n: number) => `End ${n} ${s(n, 'session', 'sessions')}`,
  endAllBody: 'Every open screen of this account returns to the sign-in page at once.',
  token: {
    title: 'Token configuration — {{ name }}',
    save: 'Save Configuration',
    saving: 'Saving…',
    loading: 'Loading…',
    longTerm: 'Long-term Validity',
    longTermHint:
      'Tokens do not expire by time; they still end at sign-out, revocation or account expiry.',
    longTermNeeds: 'Granting it needs the permission “Grant long-term tokens”.',
    exclusive: 'Exclusive Login',
    exclusiveHint:
      'One live session: a new sign-in ends the others, and their screens are told at once.',
    expiration: 'Expiration Time',
    unit: 'Unit',
    minutes: 'minutes',
    hours: 'hours',
    days: 'days',
    expirationHint:
      'How long a token issued at sign-in stays valid: from 5 minutes to one year. Applies to new sign-ins.',
    lockAfter: 'Lock the APP after',
    lockUnit: 'minutes idle or hidden',
    lockHint:
      'Left alone or in the background this long, the APP locks and asks for its unlock factor. From {{ min }} to {{ max }} minutes; {{ def }} by default.',
    saved: 'Token configuration saved.',
    savedEnded: (n: number) =>
      `Token configuration saved; ${n} other ${s(n, 'session', 'sessions')} ended.`,
    failed: 'Saving failed.',
  },
};
