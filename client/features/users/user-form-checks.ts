import { createMemo, createSignal } from 'solid-js';
import type { z } from 'zod';
import { createUserSchema, type UserRecord, updateUserSchema } from '../../../schemas/users';
import { formatInstant, t } from '../../i18n';
import { createFormValidation } from '../../ui/form-validation';
import { fromDateInput } from '../../ui/format';
import {
  EARLIEST_DAY,
  type ExpiryVerdict,
  isSavable,
  judgeExpiryDay,
  LATEST_DAY,
  limitDayOf,
} from './user-expiry-rules';
import { changedFields, expiryOf, type FormState } from './user-form-state';

const dayText = (day: string) => {
  const iso = fromDateInput(day);
  return iso ? formatInstant(iso) : day;
};

/** The words for an expiry that cannot be saved, or undefined. */
function expiryErrorText(v: ExpiryVerdict, never: boolean): string | undefined {
  switch (v.kind) {
    case 'empty':
      return t('users.expiryEmpty');
    case 'invalid':
      return t('users.expiryInvalid');
    case 'tooEarly':
      return t('users.expiryTooEarly', { date: dayText(EARLIEST_DAY) });
    case 'beyondLimit':
      return never
        ? t('users.expiryNeverBeyond', { date: dayText(v.limitDay) })
        : t('users.expiryBeyond', { date: dayText(v.limitDay) });
    default:
      return undefined;
  }
}

/**
 * Every check of the user form before it is sent, with the schemas the API uses: the request
 * body is parsed by `createUserSchema` (new) or `updateUserSchema` (edit, only changed fields),
 * and the expiry day is judged for range and consequence (a past day expires the account at
 * once: the admin confirms that explicitly).
 */
export function createUserFormChecks(props: {
  form: () => FormState;
  baseline: () => FormState | null;
  user: () => UserRecord | undefined;
  parent: () => UserRecord | undefined;
  ownExpiry: () => string | null | undefined;
  /** False: roles are hidden from this admin, so the body never names them. */
  rolesVisible: () => boolean;
}) {
  const caps = () => [props.parent()?.expiresAt, props.ownExpiry()];
  const expiresAt = () => expiryOf(props.form(), caps());
  const limit = createMemo(() => {
    const parentDay = props.parent()?.expiresAt ? limitDayOf([props.parent()?.expiresAt]) : null;
    const ownDay = props.ownExpiry() ? limitDayOf([props.ownExpiry()]) : null;
    const day = limitDayOf(caps());
    const whose: 'parent' | 'own' | 'none' =
      day === LATEST_DAY ? 'none' : day === parentDay ? 'parent' : day === ownDay ? 'own' : 'none';
    return { day, whose };
  });
  const body = (): Record<string, unknown> => {
    const f = props.form();
    const base = props.baseline();
    if (base) return changedFields(base, f, expiresAt());
    return {
      username: f.username,
      password: f.password,
      displayName: f.displayName,
      email: f.email,
      phone: f.phone,
      companyId: f.companyId,
      relatedCompanyId: f.relatedCompanyId,
      parentUserId: props.parent()?.id ?? null,
      expiresAt: expiresAt(),
      ...(props.rolesVisible() ? { roleIds: f.roleIds } : {}),
      permissions: f.permissions,
    };
  };
  const schema = (props.user() ? updateUserSchema : createUserSchema) as z.ZodType;
  const v = createFormValidation(schema, body);

  // An untouched expiry is not judged again: fixing a phone must not trip over a date the
  // admin could not set today.
  const expiryChanged = () => {
    const base = props.baseline();
    const f = props.form();
    return !base || base.never !== f.never || (!f.never && base.expiresOn !== f.expiresOn);
  };
  const verdict = createMemo(() =>
    judgeExpiryDay(props.form().never, props.form().expiresOn, limit().day),
  );
  const [submitted, setSubmitted] = createSignal(false);
  const [confirmedPast, setConfirmedPast] = createSignal(false);
  const expiresNow = () => expiryChanged() && verdict().kind === 'past';
  const expiryError = () => {
    if (!expiryChanged()) return undefined;
    const kind = verdict().kind;
    // A wrong day says so at once; an empty one only after a save was tried.
    if (kind === 'empty' && !submitted()) return undefined;
    return expiryErrorText(verdict(), props.form().never);
  };
  const confirmError = () =>
    expiresNow() && submitted() && !confirmedPast() ? t('users.confirmExpiredRequired') : undefined;

  return {
    v,
    body,
    expiresAt,
    limit,
    verdict,
    expiresNow,
    expiryError,
    confirmedPast,
    setConfirmedPast,
    confirmError,
    /** Shows every error; answers the body to send, or null while any is left. */
    submit(): Record<string, unknown> | null {
      setSubmitted(true);
      const parsed = v.submit();
      const expiryOk = !expiryChanged() || (isSavable(verdict()) && !confirmError());
      return parsed !== null && expiryOk ? body() : null;
    },
    /** Fields at fault, counted once a save was tried (before that, hints lead). */
    errorCount: () => {
      if (!submitted()) return 0;
      // The expiry field has its own judge; the schema's word on expiresAt is the same field.
      const schemaFields = Object.keys(v.errors()).filter(
        (field) => !(field === 'expiresAt' && expiryError()),
      );
      return schemaFields.length + (expiryError() ? 1 : 0) + (confirmError() ? 1 : 0);
    },
  };
}
