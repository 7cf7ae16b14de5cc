/** Words for a field that does not pass its schema (zod issues, by kind). */
export const validation = {
  required: 'Fill this in.',
  tooShort: (n: number) => `Use at least ${n} ${n === 1 ? 'character' : 'characters'}.`,
  tooLong: (n: number) => `Use at most ${n} ${n === 1 ? 'character' : 'characters'}.`,
  tooSmall: (n: number) => `Use ${n} or more.`,
  tooBig: (n: number) => `Use ${n} or less.`,
  tooFew: (n: number) => `Choose at least ${n}.`,
  tooMany: (n: number) => `Choose at most ${n}.`,
  email: 'Enter an email address like name@example.com.',
  format: 'This is not in the expected format.',
  invalid: 'This value is not valid.',
  /** Refusals a schema names by `params.reason`. */
  reasons: {
    personal: 'Do not use the account’s name, username, email or phone in the password.',
    too_short: 'The password is too short.',
    too_long: 'The password is too long.',
    common: 'This password is on a list of common passwords; choose another.',
    predictable: 'This password is too easy to guess; add more words or characters.',
  },
};
