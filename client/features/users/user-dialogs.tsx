import { revalidate } from '@solidjs/router';
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { UserListItem } from '../../../schemas/users';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createAction } from '../../ui/action';
import { ConfirmDialog, Dialog, DialogActions } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { plural, toDateInput } from '../../ui/format';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { expiryOfDay } from './user-form-state';

type Target = Pick<UserListItem, 'id' | 'username' | 'displayName' | 'expiresAt'>;

const refreshOrg = () =>
  revalidate([
    'company-tree',
    'company-tree-children',
    'company',
    'company-users',
    'user',
    'subusers',
    'sessions',
    'me',
  ]);

/**
 * Sets a user's expiration date, optionally for every account of its company (and
 * subsidiaries). A dry run shows how many accounts will change before saving.
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
  const [preview, setPreview] = createSignal<number | null>(null);
  const [skipped, setSkipped] = createSignal(0);
  const [previewFailed, setPreviewFailed] = createSignal(false);
  const save = createAction(async () => {
    const u = props.user;
    if (!u) return;
    if (!never() && !date()) {
      save.setError({ message: 'Choose a date, or tick “Never expires”.' });
      return;
    }
    const r = await unwrap(
      api.users[':id'].expiry.$put({ param: { id: u.id }, query: {}, json: body() }),
    );
    toast(
      `Expiration date saved: ${plural(r.updated, 'account')} changed${r.skipped ? `; ${plural(r.skipped, 'account')} above yours left as they were` : ''}.`,
    );
    await refreshOrg();
    props.onClose();
  }, 'Saving failed.');
  const setError = (message: string | null) => save.setError(message ? { message } : null);

  createEffect(
    on(
      () => props.user,
      (u) => {
        setDate(toDateInput(u?.expiresAt ?? null));
        setNever(u?.expiresAt === null);
        setApplyToCompany(false);
        setIncludeSubsidiaries(false);
        setError(null);
      },
    ),
  );

  const body = () => ({
    // The shown day keeps the stored instant; the admin's own last day is allowed.
    expiresAt: expiryOfDay(never(), date(), [props.user?.expiresAt, me()?.user.expiresAt]),
    applyToCompany: applyToCompany(),
    includeSubsidiaries: applyToCompany() && includeSubsidiaries(),
  });

  createEffect(() => {
    const u = props.user;
    const b = body();
    if (!u || (!b.expiresAt && !never())) return setPreview(null);
    setPreview(null);
    setPreviewFailed(false);
    setError(null);
    unwrap(api.users[':id'].expiry.$put({ param: { id: u.id }, query: { dryRun: '1' }, json: b }))
      .then((r) => {
        setPreview(r.updated);
        setSkipped(r.skipped);
      })
      .catch((e) => {
        setPreviewFailed(true);
        setError(e instanceof ApiClientError ? e.message : 'Could not count the accounts.');
      });
  });

  return (
    <Dialog
      open={props.user !== null}
      title={`Expiration date — ${props.user?.displayName ?? ''}`}
      onClose={props.onClose}
      footer={
        <DialogActions
          label={save.busy() ? 'Saving…' : 'Save'}
          disabled={save.busy()}
          onConfirm={save.run}
          onCancel={props.onClose}
        />
      }
    >
      <div class="form-grid form-grid--single">
        <label class="field">
          <span class="field__label">Expires at the end of</span>
          <input
            type="date"
            value={date()}
            disabled={never()}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={never()}
            onChange={(e) => setNever(e.currentTarget.checked)}
          />
          Never expires
        </label>
        <Show when={props.canSync}>
          <label class="check">
            <input
              type="checkbox"
              checked={applyToCompany()}
              onChange={(e) => setApplyToCompany(e.currentTarget.checked)}
            />
            Apply to all accounts of this company
          </label>
          <label class="check check--nested" classList={{ 'check--disabled': !applyToCompany() }}>
            <input
              type="checkbox"
              checked={includeSubsidiaries()}
              disabled={!applyToCompany()}
              onChange={(e) => setIncludeSubsidiaries(e.currentTarget.checked)}
            />
            Include subsidiaries
          </label>
        </Show>
        <div class="preview" aria-live="polite">
          <Show
            when={preview() !== null}
            fallback={
              <span class="muted" hidden={previewFailed()}>
                <Spinner /> Counting accounts…
              </span>
            }
          >
            {preview() === 0
              ? 'No account changes: they already have this date.'
              : `${plural(preview() ?? 0, 'account')} will change.`}
            <Show when={skipped() > 0}>
              {' '}
              {plural(skipped(), 'account')} of this company {skipped() === 1 ? 'is' : 'are'} not
              below yours (you, your own parent accounts or stronger ones) and will keep{' '}
              {skipped() === 1 ? 'its' : 'their'} date.
            </Show>
          </Show>
        </div>
        <ErrorAlert message={save.error()?.message} />
      </div>
    </Dialog>
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
  const remove = createAction(async () => {
    const u = props.user;
    if (!u) return;
    const r = await unwrap(api.users[':id'].$delete({ param: { id: u.id }, query: {} }));
    toast(`Deleted ${plural(r.deleted, 'account')}.`);
    await refreshOrg();
    props.onDeleted?.();
    props.onClose();
  }, 'Deleting failed.');
  const setError = (message: string | null) => remove.setError(message ? { message } : null);

  createEffect(
    on(
      () => props.user,
      (u) => {
        setCount(null);
        setCountFailed(false);
        setError(null);
        if (!u) return;
        unwrap(api.users[':id'].$delete({ param: { id: u.id }, query: { dryRun: '1' } }))
          .then((r) => setCount(r.deleted))
          .catch((e) => {
            setCountFailed(true);
            setError(e instanceof ApiClientError ? e.message : 'Could not count the sub-users.');
          });
      },
    ),
  );

  const subs = () => Math.max(0, (count() ?? 1) - 1);
  return (
    <ConfirmDialog
      open={props.user !== null}
      title="Delete user"
      danger
      busy={remove.busy() || count() === null}
      confirmLabel={
        countFailed()
          ? 'Delete user'
          : count() === null
            ? 'Counting…'
            : subs() > 0
              ? `Delete ${plural(count() ?? 0, 'account')}`
              : 'Delete user'
      }
      onConfirm={remove.run}
      onClose={props.onClose}
    >
      <p>
        Delete <strong>{props.user?.displayName}</strong> ({props.user?.username})?
      </p>
      <Show
        when={count() !== null || countFailed()}
        fallback={
          <p class="muted">
            <Spinner /> Counting sub-users…
          </p>
        }
      >
        <Show when={subs() > 0} fallback={<p class="muted">This account has no sub-users.</p>}>
          <div class="alert alert--error">
            Its {plural(subs(), 'sub-user')} will be deleted with it, at every level.
          </div>
        </Show>
      </Show>
      <p class="muted small">Their open sessions end at once. This cannot be undone.</p>
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
  const change = createAction(async () => {
    const u = props.user;
    if (!u) return;
    await unwrap(
      api.users[':id'].$patch({
        param: { id: u.id },
        json: { status: disabling() ? 'disabled' : 'active' },
      }),
    );
    toast(disabling() ? `Disabled ${u.username}; their sessions ended.` : `Enabled ${u.username}.`);
    await refreshOrg();
    props.onClose();
  }, 'Saving failed.');
  return (
    <ConfirmDialog
      open={props.user !== null}
      title={disabling() ? 'Disable account' : 'Enable account'}
      danger={disabling()}
      busy={change.busy()}
      confirmLabel={disabling() ? 'Disable account' : 'Enable account'}
      onConfirm={change.run}
      onClose={props.onClose}
    >
      <p>
        {disabling()
          ? `${props.user?.displayName} and their sub-users will be signed out everywhere and cannot sign in until enabled again.`
          : `${props.user?.displayName} can sign in again (unless expired).`}
      </p>
      <ErrorAlert message={change.error()?.message} />
    </ConfirmDialog>
  );
}
