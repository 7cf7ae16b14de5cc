/** Sign-in factors of an account (the user form's "Sign-in verification"). */
export const mfa = {
  title: 'Sign-in verification',
  intro:
    'How this account proves who it is. Changes apply from its next sign-in or unlock, and its open screens are told at once.',
  slots: {
    webLogin: { label: 'WEB login', hint: 'Signing in to this console.' },
    appLogin: { label: 'APP login', hint: 'Signing in to the mobile APP.' },
    appUnlock: { label: 'APP unlock', hint: 'Opening the APP again after it locked.' },
  },
  factors: {
    password: 'Password',
    email: 'Email code',
    face: 'Face recognition',
  },
  descriptions: {
    password: 'The account’s own password',
    email: 'A 6-digit code mailed to the account',
    face: 'A live face check on the phone',
  },
  emailMissing: 'Add an email address first',
  faceMissing: 'Enrol a face photo first (Face photo, below)',
  orAnother: '{{ reason }}, or choose another way to verify.',
};
