import { createAsync } from '@solidjs/router';
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { UserListItem } from '../../../schemas/users';
import { formatInstant, t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createMutation } from '../../ui/action';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { fromDateInput, toDateInput } from '../../ui/format';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { getUser } from './user.queries';
import { EARLIEST_DAY, judgeExpiryDay, LATEST_DAY, limitDayOf } from './user-expiry-rules';
import { expiryOfDay } from './user-form-state';
import './user-form.css';

type Target = Pick<UserListItem, 'id' | 'username' | 'displayName' | 'expiresAt'> &
  Partial<Pick<UserListItem, 'parentUserId'>>;

/**
 * Sets a user's expiration date, optionally for every account of its company (and
 * subsidiaries). A dry run shows how many accounts will change before saving, and a past day
 * says it expires them now and must be confirmed.
 */
export function ExpiryDialog(props: {
  user: Target | null;
  canSync: boolean;
  onClose: () => void;
}) {
  const { me } = useMe();
  const [date, setDate] = createSignal('');
  const [never, setNever] = createSignal(false);
  const [applyToCompany, setApplyToCompany] = createSignal(false);
  const [includeSubsidiaries, setIncludeSubsidiaries] = createSignal(false);
  const [preview, setPreview] = createSignal<{ updated: number; skipped: number } | null>(null);
  const [previewError, setPreviewError] = createSignal<string | null>(null);
  const [confirmed, setConfirmed] = createSignal(false);
  // A sub-user never outlives its parent (read when the admin may; the API decides anyway).
  const parent = createAsync(async () => {
    const parentId = props.user?.parentUserId;
    return parentId ? getUser(parentId).catch(() => null) : null;
  });
  const parentLimit = () => (applyToCompany() ? null : (parent()?.expiresAt ?? null));
  // Nobody gives more time than it has: the admin's own expiry is the last day it may set.
  const limit = () => limitDayOf([me()?.user.expiresAt, parentLimit()]);
  const parentBinds = () => {
    const p = parentLimit();
    return p !== null && toDateInput(p) === limit();
  };
  const dayText = (day: string) => formatInstant(fromDateInput(day) ?? '');
  const verdict = () => judgeExpiryDay(never(), date(), limit());
  const hint = () => {
    const from = dayText(EARLIEST_DAY);
    if (parentBinds()) {
      return t('users.expiryHintParent', {
        from,
        date: dayText(limit()),
        name: parent()?.username ?? '',
      });
    }
    return limit() === LATEST_DAY
      ? t('users.expiryHintAny', { from, date: dayText(LATEST_DAY) })
      : t('users.expiryHintOwn', { from, date: dayText(limit()) });
  };
  const expiresNow = () => verdict().kind === 'past' && (preview()?.updated ?? 0) > 0;
  const dayError = () => {
    switch (verdict().kind) {
      case 'invalid':
        return t('users.expiryInvalid');
      case 'tooEarly':
        return t('users.expiryTooEarly', { date: dayText(EARLIEST_DAY) });
      case 'beyondLimit':
        return never()
          ? t('users.expiryNeverBeyond', { date: dayText(limit()) })
          : t('users.expiryBeyond', { date: dayText(limit()) });
      default:
        return undefined;
    }
  };
  const body = () => ({
    // The shown day keeps the stored instant; the admin's own last day is allowed.
    expiresAt: expiryOfDay(never(), date(), [props.user?.expiresAt, me()?.user.expiresAt]),
    applyToCompany: applyToCompany(),
    includeSubsidiaries: applyToCompany() && includeSubsidiaries(),
  });
  const savable = () =>
    (never() || (date() !== '' && !dayError())) && (!expiresNow() || confirmed());
  const save = createMutation(async () => {
    const u = props.user;
    if (!u) return;
    const r = await unwrap(
      api.users[':id'].expiry.$put({ param: { id: u.id }, query: {}, json: body() }),
    );
    const accounts = t('users.accounts', r.updated);
    toast(
      r.skipped
        ? t('users.expiryDialog.savedSkipped', {
            accounts,
            skipped: t('users.accounts', r.skipped),
          })
        : t('users.expiryDialog.saved', { accounts }),
    );
    props.onClose();
  }, t('users.savingFailed'));

  createEffect(
    on(
      () => props.user,
      (u) => {
        setDate(toDateInput(u?.expiresAt ?? null));
        setNever(u?.expiresAt === null);
        setApplyToCompany(false);
        setIncludeSubsidiaries(false);
        setConfirmed(false);
        save.setError(null);
      },
    ),
  );

  // Counts what a save would change; nothing to count while the day is empty or wrong.
  createEffect(() => {
    const u = props.user;
    const b = body();
    setPreview(null);
    setPreviewError(null);
    setConfirmed(false);
    if (!u || (!never() && (date() === '' || dayError()))) return;
    unwrap(api.users[':id'].expiry.$put({ param: { id: u.id }, query: { dryRun: '1' }, json: b }))
      .then((r) => {
        if (body().expiresAt === b.expiresAt) setPreview(r);
      })
      .catch((e: unknown) => setPreviewError(errorText(e) || t('users.expiryDialog.countFailed')));
  });

  return (
    <Dialog
      open={props.user !== null}
      title={t('users.expiryDialog.title', { name: props.user?.displayName ?? '' })}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? t('users.saving') : t('common.save')}
          danger={expiresNow()}
          disabled={save.busy() || !savable()}
          onConfirm={save.run}
          onCancel={props.onClose}
        />
      }
    >
      <div class="form-grid form-grid--single">
        <div class="field" classList={{ 'field--invalid': !!dayError() }}>
          <label class="field__label" for="expiry-dialog-day">
            {t('users.expiryDialog.endOf')}
          </label>
          <input
            id="expiry-dialog-day"
            type="date"
            max={limit()}
            value={date()}
            disabled={never()}
            aria-invalid={dayError() ? true : undefined}
            aria-describedby={dayError() ? 'expiry-dialog-day-error' : 'expiry-dialog-day-hint'}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
          <Show
            when={dayError()}
            fallback={
              <span class="field__hint" id="expiry-dialog-day-hint">
                {hint()}
              </span>
            }
          >
            <span class="field__error" id="expiry-dialog-day-error">
              {dayError()}
            </span>
          </Show>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={never()}
            onChange={(e) => setNever(e.currentTarget.checked)}
          />
          {t('users.expiryDialog.never')}
        </label>
        <Show when={props.canSync}>
          <label class="check">
            <input
              type="checkbox"
              checked={applyToCompany()}
              onChange={(e) => setApplyToCompany(e.currentTarget.checked)}
            />
            {t('users.expiryDialog.applyToCompany')}
          </label>
          <label class="check check--nested" classList={{ 'check--disabled': !applyToCompany() }}>
            <input
              type="checkbox"
              checked={includeSubsidiaries()}
              disabled={!applyToCompany()}
              onChange={(e) => setIncludeSubsidiaries(e.currentTarget.checked)}
            />
            {t('users.expiryDialog.includeSubsidiaries')}
          </label>
        </Show>
        <div class="preview" aria-live="polite">
          <ExpiryPreview
            empty={!never() && date() === ''}
            wrongDay={!!dayError()}
            failed={previewError() !== null}
            preview={preview()}
            expiresNow={expiresNow()}
          />
        </div>
        <Show when={expiresNow()}>
          <label class="check expiry-now__confirm">
            <input
              type="checkbox"
              name="confirmExpireNow"
              checked={confirmed()}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
            />
            {t('users.expiryDialog.confirmExpireNow')}
          </label>
        </Show>
        <ErrorAlert message={previewError() ?? save.error()?.message} />
      </div>
    </Dialog>
  );
}

/** "2 accounts will change.", and what a past day does to them, or why nothing is counted. */
function ExpiryPreview(props: {
  empty: boolean;
  wrongDay: boolean;
  failed: boolean;
  preview: { updated: number; skipped: number } | null;
  expiresNow: boolean;
}) {
  return (
    <Show when={!props.wrongDay && !props.failed}>
      <Show
        when={!props.empty}
        fallback={<span class="muted">{t('users.expiryDialog.pickDay')}</span>}
      >
        <Show
          when={props.preview}
          fallback={
            <span class="muted">
              <Spinner /> {t('users.expiryDialog.counting')}
            </span>
          }
        >
          {(p) => (
            <>
              <Show
                when={p().updated > 0}
                fallback={<span>{t('users.expiryDialog.noChange')}</span>}
              >
                <span classList={{ 'expiry-now__text': props.expiresNow }}>
                  {props.expiresNow
                    ? t('users.expiryDialog.willExpireNow', p().updated)
                    : t('users.expiryDialog.willChange', p().updated)}
                </span>
              </Show>
              <Show when={p().skipped > 0}> {t('users.expiryDialog.skipped', p().skipped)}</Show>
            </>
          )}
        </Show>
      </Show>
    </Show>
  );
}

/** Deletes a user after showing how many sub-users go with it. */
export function DeleteUserDialog(props: {
  user: Target | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const [count, setCount] = createSignal<number | null>(null);
  const [countFailed, setCountFailed] = createSignal(false);
  const remove = createMutation(async () => {
    const u = props.user;
    if (!u) return;
    const r = await unwrap(api.users[':id'].$delete({ param: { id: u.id }, query: {} }));
    toast(t('users.deleteDialog.deleted', r.deleted));
    props.onDeleted?.();
    props.onClose();
  }, t('users.deleteDialog.failed'));

  createEffect(
    on(
      () => props.user,
      (u) => {
        setCount(null);
        setCountFailed(false);
        remove.setError(null);
        if (!u) return;
        unwrap(api.users[':id'].$delete({ param: { id: u.id }, query: { dryRun: '1' } }))
          .then((r) => setCount(r.deleted))
          .catch((e: unknown) => {
            setCountFailed(true);
            remove.setError({ message: errorText(e) || t('users.deleteDialog.countFailed') });
          });
      },
    ),
  );

  const subs = () => Math.max(0, (count() ?? 1) - 1);
  return (
    <ConfirmDialog
      open={props.user !== null}
      title={t('users.deleteDialog.title')}
      danger
      busy={remove.busy() || count() === null}
      confirmLabel={
        countFailed()
          ? t('users.deleteDialog.deleteUser')
          : count() === null
            ? t('users.deleteDialog.counting')
            : subs() > 0
              ? t('users.deleteDialog.deleteAccounts', count() ?? 0)
              : t('users.deleteDialog.deleteUser')
      }
      onConfirm={remove.run}
      onClose={props.onClose}
    >
      <p>
        {t('users.deleteDialog.question', {
          name: props.user?.displayName ?? '',
          username: props.user?.username ?? '',
        })}
      </p>
      <Show
        when={count() !== null || countFailed()}
        fallback={
          <p class="muted">
            <Spinner /> {t('users.deleteDialog.countingSubUsers')}
          </p>
        }
      >
        <Show
          when={subs() > 0}
          fallback={<p class="muted">{t('users.deleteDialog.noSubUsers')}</p>}
        >
          <div class="alert alert--error">{t('users.deleteDialog.subUsersGo', subs())}</div>
        </Show>
      </Show>
      <p class="muted small">{t('users.deleteDialog.sessionsEnd')}</p>
      <ErrorAlert message={remove.error()?.message} />
    </ConfirmDialog>
  );
}

/** Disables (after confirming: sessions end at once) or re-enables an account. */
export function StatusDialog(props: {
  user: (Target & { status: 'active' | 'disabled' }) | null;
  onClose: () => void;
}) {
  const disabling = () => props.user?.status !== 'disabled';
  const change = createMutation(async () => {
    const u = props.user;
    if (!u) return;
    await unwrap(
      api.users[':id'].$patch({
        param: { id: u.id },
        json: { status: disabling() ? 'disabled' : 'active' },
      }),
    );
    toast(
      disabling()
        ? t('users.statusDialog.disabled', { username: u.username })
        : t('users.statusDialog.enabled', { username: u.username }),
    );
    props.onClose();
  }, t('users.savingFailed'));
  return (
    <ConfirmDialog
      open={props.user !== null}
      title={
        disabling() ? t('users.statusDialog.disableTitle') : t('users.statusDialog.enableTitle')
      }
      danger={disabling()}
      busy={change.busy()}
      confirmLabel={
        disabling() ? t('users.statusDialog.disableTitle') : t('users.statusDialog.enableTitle')
      }
      onConfirm={change.run}
      onClose={props.onClose}
    >
      <p>
        {disabling()
          ? t('users.statusDialog.disableBody', { name: props.user?.displayName ?? '' })
          : t('users.statusDialog.enableBody', { name: props.user?.displayName ?? '' })}
      </p>
      <ErrorAlert message={change.error()?.message} />
    </ConfirmDialog>
  );
}
