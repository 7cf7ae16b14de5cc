import { KICK_REASONS, type KickReason } from '../../../schemas/live';
/** Signing in (console and APP), the emailed code, choosing a password, kick reasons. */
export const auth = {
  username: 'Username',
  password: 'Password',
  showPassword: 'Show password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signInLead: 'Use the account your administrator gave you.',
  signInFailed: 'Sign-in failed. Try again.',
  mailUnavailable:
    'Your account signs in with an email code, but email is not set up on this server. Ask an administrator.',
  faceInApp: 'This account signs in with its face, in the APP.',
  /** The console's login page: the brand side. */
  pitch: {
    title: 'Every account, every company, one gate.',
    lead: 'Decide who may sign in, what they may do on the web and in the app, and for how long.',
    trees: 'Company trees of any depth, each admin in its own scope',
    roles: 'Roles, permission ceilings and sign-in factors',
    expiry: 'Expiry dates and live sessions you can end at once',
    foot: '© Gatehouse · Account & authority service',
  },
  /** The console's code step. */
  codeStep: {
    title: 'Check your email',
    lead: 'One more step to sign in as {{ username }}.',
    back: 'Back',
    verify: 'Verify and sign in',
    lastTry: 'That code was not correct, and it was the last try. Sign in again to get a new code.',
    mailUnavailable:
      'The code could not be sent: email is not set up on this server. Ask an administrator.',
    newCode: 'A new code is on its way to {{ email }}. The earlier one no longer works.',
  },
  /** The shared code form. */
  code: {
    sent: 'We sent a {{ digits }}-digit code to',
    /** The end of that sentence, after the address. */
    sentEnd: '.',
    worksUntil: 'It works until {{ time }}.',
    expired: 'That code has expired; ask for a new one.',
    label: 'Code from the email',
    verify: 'Verify',
    checking: 'Checking…',
    checkingLabel: 'Checking the code',
    didntGetIt: 'Didn’t get it? Check spam, or',
    sendNew: 'send a new code',
    sendNewIn: 'send a new code in {{ time }}',
    waitAnnouncement: (n: number) =>
      `You can ask for a new code in ${n} ${n === 1 ? 'second' : 'seconds'}.`,
    readyAnnouncement: 'You can ask for a new code now.',
    digitsRule: (n: number) => `Enter the ${n} digits from the email.`,
  },
  /** Code refusals, by the API's error code and details. */
  codeErrors: {
    attemptsLeft: (n: number) => (n === 1 ? '1 attempt left.' : `${n} attempts left.`),
    waitSeconds: (n: number) =>
      `Wait ${n} ${n === 1 ? 'second' : 'seconds'} before asking for another code.`,
    sendLimit: (n: number) =>
      `Too many codes were sent to this account. Try again in ${n} ${n === 1 ? 'minute' : 'minutes'}.`,
  },
  /** Choosing or changing the own password. */
  choose: {
    chooseTitle: 'Choose your password',
    changeTitle: 'Change your password',
    welcome:
      'Welcome, {{ name }}. Your administrator set your current password; choose one only you know.',
    welcomeAnonymous:
      'Welcome. Your administrator set your current password; choose one only you know.',
    changeLead: 'Your other sessions end when you save; this one stays signed in.',
    current: 'Current password',
    next: 'New password',
    again: 'New password again',
    differ: 'The two new passwords differ.',
    save: 'Save password',
    saved: 'Password changed.',
    failed: 'Saving failed.',
    pageTitleChoose: 'Choose a new password',
    rule: (n: number) => `At least ${n} characters; not a common password or your name.`,
  },
  strength: {
    label: 'Strength: {{ level }}',
    levels: { s0: 'Very weak', s1: 'Weak', s2: 'Fair', s3: 'Good', s4: 'Strong' },
    meets: 'Meets the password rule.',
  },
  /** Why a session ended (the live `kicked` reasons): English reuses the server's words. */
  kick: { ...KICK_REASONS } as Record<KickReason, string>,
};
