import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import type { CreateUserInput, UserRecord } from '../../../schemas/users';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { createMutation } from '../../ui/action';
import { toast } from '../../ui/toast';
import { cappedKeys, type StandingInputs } from '../permissions/permission-standing';
import type { createUserFormChecks } from './user-form-checks';
import type { createUserDraft } from './user-form-draft';
import { saveNewUserFactors, saveUserEdit } from './user-form-save';
import { fromUser } from './user-form-state';

const MFA_SLOTS = new Set(['webLogin', 'appLogin', 'appUnlock']);

/**
 * Saving the user form as one router mutation (the screen's reads refresh after it): an edit
 * sends its changed fields and factors, a new account is created and opened. A refusal lands
 * beside its field (or the factor it names); the toast says what a parent still caps.
 */
export function createUserFormSave(props: {
  draft: ReturnType<typeof createUserDraft>;
  checks: ReturnType<typeof createUserFormChecks>;
  user: () => UserRecord | undefined;
  standing: () => Omit<StandingInputs, 'direct'>;
}) {
  const navigate = useNavigate();
  const savedWords = (base: string) => {
    const n = cappedKeys({
      ...props.standing(),
      direct: new Set(props.draft.form().permissions),
    }).length;
    return n > 0 ? `${base} ${t('permissions.cappedSummary', n)}` : base;
  };

  const saveEdit = async (user: UserRecord) => {
    const base = props.draft.baseline();
    if (!base) return;
    const f = props.draft.form();
    const saved = await saveUserEdit(user.id, base, f, props.checks.expiresAt(), (landed) => {
      if (landed.profile) {
        props.draft.setBaseline(fromUser(landed.profile));
        props.draft.setForm((now) => ({ ...now, password: '' }));
      }
      const mfa = landed.mfa;
      if (mfa) props.draft.setBaseline((b) => (b ? { ...b, mfa } : b));
    });
    toast(
      f.password && saved.profile
        ? t('users.passwordResetDone', { username: saved.profile.username })
        : saved.profile
          ? savedWords(t('users.saved'))
          : t('users.factorsSaved'),
    );
  };
  let createdId: string | undefined;
  const saveNew = async (body: Record<string, unknown>) => {
    const created = await unwrap(api.users.$post({ json: body as CreateUserInput }));
    toast(savedWords(t('users.created', { username: created.username })));
    createdId = created.id;
    // The account exists either way: a refused factor choice is told, not lost in a form
    // that is about to close.
    await saveNewUserFactors(created, props.draft.form().mfa).catch((err: unknown) =>
      toast(
        t('users.factorsNotSaved', {
          username: created.username,
          reason: err instanceof Error ? err.message : t('users.factorsRetry'),
        }),
        'error',
      ),
    );
  };
  // Busy while the API calls run; the screen's refresh after them needs no spinner.
  const [sending, setSending] = createSignal(false);
  const save = createMutation(async (body: Record<string, unknown>) => {
    setSending(true);
    try {
      const user = props.user();
      if (user) return await saveEdit(user);
      await saveNew(body);
      if (createdId) navigate(`/users/${createdId}`, { replace: true });
    } finally {
      setSending(false);
    }
  }, t('users.savingFailed'));

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = props.checks.submit();
    if (body === null) return bringFaultIntoView();
    // A refusal answers at once (the refresh waits only after a change that landed).
    await save.run(body);
    const err = save.error();
    if (err?.field && !MFA_SLOTS.has(err.field)) {
      props.checks.v.setServerError(err.field, err.message);
    }
    if (err) bringFaultIntoView();
  };
  return { save, sending, submit };
}

/**
 * The button sits at the bottom of a long form: bring the first field at fault (or the alert)
 * into view, or the refusal goes unseen.
 */
function bringFaultIntoView() {
  queueMicrotask(() =>
    (
      document.querySelector('.user-form [aria-invalid="true"], .factor-slot--invalid') ??
      document.querySelector('.user-form .alert--error')
    )?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
  );
}
