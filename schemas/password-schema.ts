import { z } from 'zod';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE,
  type PasswordContext,
  passwordProblem,
} from './password-policy';

/**
 * The zod side of the password policy, kept apart from the policy itself so the console's
 * password meter can load the policy without pulling zod along.
 */

/**
 * One password field: the length and common-password rules. The refusal's `code` travels as
 * the issue's `params.reason`, which the API answers in `error.details.reason`.
 */
export const passwordSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem.message, params: { reason: problem.code } });
    }
  })
  // The refinement is invisible to JSON Schema; state the limits for the OpenAPI document.
  .meta({
    description: PASSWORD_RULE,
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  });

/**
 * Object refinement for bodies that carry `password` next to the account's names: refuses a
 * password built from them, at field `password`. Length and list problems are left to
 * `passwordSchema`, so one mistake is reported once.
 */
export function passwordNotPersonal(
  value: PasswordContext & { password?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (typeof value.password !== 'string') return;
  const problem = passwordProblem(value.password, value);
  if (problem?.code === 'personal') {
    ctx.addIssue({
      code: 'custom',
      message: problem.message,
      path: ['password'],
      params: { reason: problem.code },
    });
  }
}
