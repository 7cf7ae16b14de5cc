import { type PasswordContext, passwordProblem } from '../../schemas/password-policy';
import { ApiError } from './errors';

/**
 * Enforces the shared password policy (schemas/password-policy.ts) where the account's names
 * are known: throws VALIDATION_FAILED at `field`, with the rule broken in `details.reason`.
 * The request schemas check what the body holds; this is the authority, with stored names.
 */
export function assertPasswordAcceptable(
  password: string,
  context: PasswordContext,
  field: string,
): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new ApiError('VALIDATION_FAILED', {
      message: problem.message,
      field,
      details: { reason: problem.code },
    });
  }
}

/**
 * The names an edited account will have: the stored ones, replaced by those the edit changes
 * (`undefined` keeps, `null` or `''` clears).
 */
export function namesAfterEdit(stored: PasswordContext, changes: PasswordContext): PasswordContext {
  const pick = (key: keyof PasswordContext) =>
    changes[key] !== undefined ? changes[key] : stored[key];
  return {
    username: pick('username'),
    email: pick('email'),
    displayName: pick('displayName'),
    phone: pick('phone'),
  };
}
