import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import {
  type PasswordContext,
  type PasswordProblem,
  passwordProblem,
} from '../../schemas/password-policy';

/**
 * The heavy half of the password meter: zxcvbn with the language-common dictionary (the same
 * list the policy's common passwords come from) and the policy itself. Loaded only through
 * `loadPasswordEstimator` in password-strength.tsx, so it stays out of the console's first bundle.
 */

/** zxcvbn's score (0 = guessed at once … 4 = very hard to guess) and the policy's verdict. */
export interface PasswordEstimate {
  score: 0 | 1 | 2 | 3 | 4;
  problem: PasswordProblem | null;
}

// Building the ranked dictionaries takes a moment; do it once, when this chunk loads.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** Estimates a password being chosen for the account with these names. */
export function estimatePassword(password: string, context: PasswordContext): PasswordEstimate {
  const names = [
    context.username,
    context.email,
    context.email?.split('@')[0],
    context.displayName,
  ];
  const userInputs = names.filter((name): name is string => !!name);
  return {
    score: zxcvbn.check(password, userInputs).score,
    problem: passwordProblem(password, context),
  };
}
