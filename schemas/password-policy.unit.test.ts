import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { changePasswordSchema } from './auth';
import { COMMON_PASSWORDS } from './common-passwords.generated';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
  passwordProblem,
} from './password-policy';
import { createUserSchema, updateUserSchema } from './users';

const packageList = dictionary['passwords-common'];
const codeOf = (password: string, context = {}) => passwordProblem(password, context)?.code;

describe('the length rule', () => {
  it('asks for 10 to 256 characters', () => {
    expect(codeOf('k7#vQ2!mZ')).toBe('too_short');
    expect(codeOf('k7#vQ2!mZp')).toBeUndefined();
    expect(codeOf('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('too_long');
    expect(codeOf(`${'k7#vQ2!mZp'.repeat(25)}abcdef`)).toBeUndefined();
  });

  it('counts code points, as people count characters', () => {
    expect(passwordLength('🔑'.repeat(9))).toBe(9);
    expect(codeOf('🔑'.repeat(9))).toBe('too_short');
    expect(codeOf('🔑🚪🏠🌳🐟🎲🧭🪁🎻🚲')).toBeUndefined();
  });
});

describe('the common-password rule', () => {
  it.each(['password12', '1234567890', 'qwertyuiop', '1q2w3e4r5t', 'password123'])(
    '%s is on the package list and refused',
    (password) => {
      expect(packageList).toContain(password);
      expect(passwordProblem(password)).toEqual({
        code: 'common',
        message: 'This password is on a list of common passwords; choose another.',
      });
    },
  );

  it('ignores case', () => {
    expect(codeOf('Password123')).toBe('common');
    expect(codeOf('QwertyUIOP')).toBe('common');
  });

  it('leaves the shorter entries to the length rule (Password1 is listed, but too short)', () => {
    expect(packageList).toContain('password1');
    expect(codeOf('Password1')).toBe('too_short');
  });

  it('ships exactly the package entries the length rule alone would let through', () => {
    const expected = [
      ...new Set(
        packageList
          .map((p) => p.toLowerCase())
          .filter(
            (p) => passwordLength(p) >= PASSWORD_MIN_LENGTH && p.length <= PASSWORD_MAX_LENGTH,
          ),
      ),
    ];
    expect(COMMON_PASSWORDS).toEqual(expected);
  });
});

describe('the personal rule', () => {
  const context = {
    username: 'emma.weber',
    email: 'e.weber@example.com',
    displayName: 'Emma Weber',
  };

  it.each([
    ['emma.weber', 'username'],
    ['EMMA.WEBER.rocks', 'username'],
    ['2024-Emma_Weber!', 'username'],
    ['e.weber@example.com', 'email address'],
    ['my-e.weber-secret', 'email address'],
    ['Emma Weber forever', 'username'],
  ])('refuses %s (%s)', (password, label) => {
    expect(passwordProblem(password, context)).toEqual({
      code: 'personal',
      message: `Do not use the ${label} in the password.`,
    });
  });

  it('names the display name when only that matches', () => {
    expect(passwordProblem('i-am-Lucas-Martin', { displayName: 'Lucas Martin' })?.message).toBe(
      'Do not use the display name in the password.',
    );
  });

  it('ignores names under three characters for "contains", and absent or empty ones', () => {
    expect(codeOf('always-on-the-run', { username: 'al', displayName: 'Al' })).toBeUndefined();
    expect(codeOf('always-on-the-run', { username: null, email: '', displayName: undefined })).toBe(
      undefined,
    );
  });
});

describe('no composition rules', () => {
  it.each([
    'correct horse battery staple',
    'tangerine lighthouse quietly folds',
    '8406271953',
    'zzkvmwqpltrbsnhd',
    'Gq4$w9!Lm2@xR7#pV',
  ])('accepts %s', (password) => {
    expect(passwordProblem(password, { username: 'someone', displayName: 'Some One' })).toBeNull();
  });
});

describe('the zod schemas', () => {
  const body = {
    username: 'emma.weber',
    displayName: 'Emma Weber',
    companyId: 'co_aaaaaaaa',
    relatedCompanyId: 'co_aaaaaaaa',
    expiresAt: null,
  };
  const issuesOf = (result: { error?: { issues: { path: PropertyKey[]; params?: unknown }[] } }) =>
    result.error?.issues.map((i) => ({ path: i.path.join('.'), params: i.params }));

  it('refuse a common or personal password at field password, naming the reason', () => {
    expect(issuesOf(createUserSchema.safeParse({ ...body, password: 'password12' }))).toEqual([
      { path: 'password', params: { reason: 'common' } },
    ]);
    expect(issuesOf(createUserSchema.safeParse({ ...body, password: 'EmmaWeber2024' }))).toEqual([
      { path: 'password', params: { reason: 'personal' } },
    ]);
    expect(
      createUserSchema.safeParse({ ...body, password: 'correct horse battery staple' }).success,
    ).toBe(true);
  });

  it('check an update against the names in the same body', () => {
    expect(
      issuesOf(updateUserSchema.safeParse({ username: 'lucas.m', password: 'lucas.m-2024!' })),
    ).toEqual([{ path: 'password', params: { reason: 'personal' } }]);
    expect(updateUserSchema.safeParse({ password: 'lucas.m-2024!' }).success).toBe(true);
  });

  it('refuse a common new password at field newPassword', () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: 'whatever it was',
      newPassword: '1234567890',
    });
    expect(issuesOf(result)).toEqual([{ path: 'newPassword', params: { reason: 'common' } }]);
  });
});

describe('predictable passwords', () => {
  it.each([
    '0123456789',
    '9876543210',
    'abcdefghij',
    'aaaaaaaaaa',
    '1111111111',
    'abcabcabcabc',
    '          ',
    'Gatehouse123',
    'G@tehouse!!',
  ])('refuses %s', (password) => {
    expect(passwordProblem(password)?.code).toBe('predictable');
  });

  it('undresses look-alike characters before the common list', () => {
    expect(passwordProblem('p@ssw0rd12')?.code).toBe('common');
  });

  it('reads full-width letters as the name they spell', () => {
    expect(passwordProblem('ｐａｒｔ．ｕｓｅｒ２', { username: 'part.user2' })?.code).toBe(
      'personal',
    );
  });

  it.each([
    'abcdabcdabcd',
    'Ab1!Ab1!Ab1!',
    'trustno1trustno1',
    'zzzzzzzzzz1',
    '0123456789!',
    'a0123456789',
    '0987654321',
    'acegikmoqs',
    '!@#$%^&*()',
    'mygatehouse1',
    'esuohetag12',
  ])('refuses the variation %s', (password) => {
    expect(passwordProblem(password)?.code).toBe('predictable');
  });

  it.each([
    'p@ssw0rd2026',
    'P4$$w0rd!!',
    'Password2026',
    'password12345',
    'letmein1234',
    'l3tm31n!!!',
    'Welcome2026!',
    'qwerty2026!',
    'drowssap123',
    'pass\u200bword12',
  ])('refuses the dressed-up common password %s', (password) => {
    expect(passwordProblem(password)?.code).toBe('common');
  });

  it('counts what shows: one letter with nine accents is one character', () => {
    expect(passwordProblem(`a${'\u0301'.repeat(9)}`)?.code).toBe('too_short');
  });

  it('refuses the names reversed or reordered, and the phone number', () => {
    const context = {
      username: 'frieda.kuster',
      displayName: 'Frieda Kuster',
      phone: '+49 30 5550199',
    };
    expect(passwordProblem('retsuk.adeirf', context)?.code).toBe('personal');
    expect(passwordProblem('kuster.frieda', context)?.code).toBe('personal');
    expect(passwordProblem('call +49 30 5550199', context)?.code).toBe('personal');
  });

  it('still accepts a passphrase with no rule about composition', () => {
    expect(passwordProblem('a lovely old building by the river')).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
