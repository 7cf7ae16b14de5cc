import {
  A,
  createAsync,
  revalidate,
  useNavigate,
  useParams,
  useSearchParams,
} from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show, Suspense } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import { PASSWORD_RULE } from '../../../schemas/password-rule';
import type { Role } from '../../../schemas/roles';
import type { UserRecord } from '../../../schemas/users';
import { ApiClientError, api, orNotFound, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { ErrorAlert } from '../../ui/error-alert';
import { formatDate } from '../../ui/format';
import { Ban, Calendar, Key, Trash, UserPlus } from '../../ui/icons';
import { NotFoundState } from '../../ui/not-found-state';
import { PasswordStrength, preloadPasswordEstimator } from '../../ui/password-strength';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { getCompany } from '../companies/company.queries';
import { CompanySelect } from '../companies/company-select';
import { MfaFactorSection } from '../mfa/mfa-factor-section';
import { PermissionEditor } from '../permissions/permission-editor';
import { getRoles } from '../roles/role.queries';
import { SessionsPanel } from '../sessions/sessions-panel';
import { TokenConfigDialog } from '../sessions/token-config-dialog';
import { ExplainPanel } from './explain-panel';
import { getSubUsers, getUser } from './user.queries';
import { DeleteUserDialog, ExpiryDialog, StatusDialog } from './user-dialogs';
import { UserFaceSection } from './user-face-section';
import { saveNewUserFactors, saveUserEdit } from './user-form-save';
import { emptyForm, expiryOf, type FormState, fromUser } from './user-form-state';

/** Create (`/users/new?companyId=&parentUserId=`) or edit (`/users/:id`) a user. */
export default function UserFormPage() {
  const params = useParams<{ id?: string }>();
  const [search] = useSearchParams<{ companyId?: string; parentUserId?: string }>();
  const editing = () => (params.id && params.id !== 'new' ? params.id : undefined);
  // An account outside the scope (or gone) reads as null: the page says so instead of waiting.
  // A refusal (403) is thrown on to the shell, which says which permission is missing.
  const user = createAsync(async () => {
    const id = editing();
    return id ? orNotFound(getUser(id)) : undefined;
  });
  usePageTitle(() => (editing() ? user()?.displayName : 'New user'));
  const parentId = () => (editing() ? user()?.parentUserId : search.parentUserId) ?? undefined;
  const parent = createAsync(async () => {
    const id = parentId();
    return id ? getUser(id).catch(() => undefined) : undefined;
  });

  return (
    <Suspense
      fallback={
        <div class="page">
          <Spinner /> Loading…
        </div>
      }
    >
      <Show when={!editing() || user()} keyed fallback={<NotFoundState title="User not found" />}>
        <UserForm
          user={user() ?? undefined}
          parent={parent()}
          initialCompanyId={search.companyId ?? ''}
        />
      </Show>
    </Suspense>
  );
}

function UserForm(props: {
  user: UserRecord | undefined;
  parent: UserRecord | undefined;
  initialCompanyId: string;
}) {
  const navigate = useNavigate();
  const { me, can } = useMe();
  // Without "View roles" there is nothing to list (the account keeps the roles it holds).
  const roles = createAsync(async () =>
    can('function.roles.view') ? getRoles() : { roles: [] as Role[] },
  );
  const [form, setForm] = createSignal<FormState>(
    props.user
      ? fromUser(props.user)
      : emptyForm(props.initialCompanyId, props.parent, me()?.user.expiresAt),
  );
  // What the server holds, as a form: edits are judged against it, and it follows each save
  // step that lands.
  const [baseline, setBaseline] = createSignal<FormState | null>(
    props.user ? fromUser(props.user) : null,
  );
  const [errors, setErrors] = createSignal<{ field?: string; message: string } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [expiryOpen, setExpiryOpen] = createSignal(false);
  const [deleteOpen, setDeleteOpen] = createSignal(false);
  const [tokenOpen, setTokenOpen] = createSignal(false);
  const [statusOpen, setStatusOpen] = createSignal(false);
  const isEdit = () => props.user !== undefined;
  // Own changes go through /me (with the current password): the API refuses them here.
  const isSelf = () => isEdit() && props.user?.id === me()?.user.id;
  // The section needs its WEB button; saving needs the API permission.
  const canSetFactors = () =>
    can('web.organization.users.mfa') && can('function.mfa.configure') && !isSelf();
  // The enrolled face is saved on its own (it is not part of the form's save).
  const [face, setFace] = createSignal<FaceEnrolment | undefined>(props.user?.face);
  const faceInUse = () => {
    const stored = baseline()?.mfa;
    return stored?.appLogin === 'face' || stored?.appUnlock === 'face';
  };
  // Replacing the face an account signs in with changes how it proves who it is.
  const canEnrolFace = () =>
    can('function.users.edit') && !isSelf() && (!faceInUse() || can('function.mfa.configure'));

  createEffect(
    on(
      () => props.user,
      (u) => {
        if (!u) return;
        setForm(fromUser(u));
        setBaseline(fromUser(u));
        setFace(u.face);
      },
      { defer: true },
    ),
  );
  // A parent (or the admin's own account) that loads after the form opens still sets the new
  // account's starting date.
  createEffect(
    on([() => props.parent, () => me()?.user.expiresAt], ([p, own]) => {
      if (props.user || (!p && !own)) return;
      const start = emptyForm(props.initialCompanyId, p, own);
      setForm((f) => ({ ...f, never: start.never, expiresOn: start.expiresOn }));
    }),
  );

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  // Without "View companies" the read is refused, which would replace the form (page-guard).
  const company = createAsync(async () =>
    form().companyId && can('function.companies.view') ? getCompany(form().companyId) : undefined,
  );
  const usableRoles = createMemo(() => {
    const owners = new Set([...(company()?.trail ?? []).map((c) => c.id), form().companyId]);
    return (roles()?.roles ?? []).filter((r) => owners.has(r.companyId) || !r.editable);
  });
  const grantable = createMemo(() => new Set(me()?.permissions ?? []));
  const fromRoles = createMemo(() => {
    const chosen = new Set(form().roleIds);
    return new Set(
      (roles()?.roles ?? []).filter((r) => chosen.has(r.id)).flatMap((r) => r.permissions),
    );
  });
  const fieldError = (field: string) => (errors()?.field === field ? errors()?.message : undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = form();
    setSaving(true);
    setErrors(null);
    const common = {
      displayName: f.displayName,
      email: f.email,
      phone: f.phone,
      companyId: f.companyId,
      relatedCompanyId: f.relatedCompanyId,
      expiresAt: expiryOf(f, [props.parent?.expiresAt, me()?.user.expiresAt]),
      roleIds: f.roleIds,
      permissions: f.permissions,
    };
    try {
      const base = baseline();
      if (props.user && base) {
        const saved = await saveUserEdit(props.user.id, base, f, common.expiresAt, (landed) => {
          if (landed.profile) {
            setBaseline(fromUser(landed.profile));
            setForm((now) => ({ ...now, password: '' }));
          }
          const mfa = landed.mfa;
          if (mfa) setBaseline((b) => (b ? { ...b, mfa } : b));
        });
        toast(
          f.password && saved.profile
            ? `Password reset: ${saved.profile.username} was signed out and must choose a new password at the next sign-in.`
            : saved.profile
              ? 'Changes saved.'
              : 'Sign-in verification saved.',
        );
        await revalidate([
          'user',
          'company',
          'company-tree',
          'company-tree-children',
          'company-users',
          'subusers',
        ]);
      } else {
        const created = await unwrap(
          api.users.$post({
            json: {
              ...common,
              username: f.username,
              password: f.password,
              parentUserId: props.parent?.id ?? null,
            },
          }),
        );
        toast(`Created ${created.username}.`);
        // The account exists either way: a refused factor choice is told, not lost in a form
        // that is about to close.
        await saveNewUserFactors(created, f.mfa).catch((err: unknown) =>
          toast(
            `Sign-in verification of ${created.username} was not saved: ${err instanceof ApiClientError ? err.message : 'try again from its page'}`,
            'error',
          ),
        );
        await revalidate([
          'company',
          'company-tree',
          'company-tree-children',
          'company-users',
          'subusers',
        ]);
        navigate(`/users/${created.id}`, { replace: true });
      }
    } catch (err) {
      setErrors(
        err instanceof ApiClientError
          ? { field: err.field, message: err.message }
          : { message: 'Saving failed.' },
      );
      // The button sits at the bottom of a long form: bring the field at fault (or the alert)
      // into view, or the refusal goes unseen.
      queueMicrotask(() =>
        (
          document.querySelector('.field--invalid, .factor-slot--invalid') ??
          document.querySelector('.form .alert--error')
        )?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="page">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Show when={form().companyId}>
          <A href={`/companies/${form().companyId}`}>{company()?.name ?? 'Company'}</A>
          <span aria-hidden="true">/</span>
        </Show>
        <span>{isEdit() ? props.user?.username : 'New user'}</span>
      </nav>
      <div class="page__head">
        <div>
          <h1>
            {isEdit()
              ? props.user?.displayName
              : props.parent
                ? `New sub-user of ${props.parent.displayName}`
                : 'New user'}
          </h1>
          <p class="muted">
            <Show
              when={isEdit()}
              fallback={
                props.parent
                  ? 'A sub-user never holds more than its parent.'
                  : 'The user changes the initial password after signing in.'
              }
            >
              {props.user?.username} ·{' '}
              {props.user?.expiresAt
                ? `expires ${formatDate(props.user.expiresAt)}`
                : 'never expires'}
              <Show when={props.parent}> · sub-user of {props.parent?.username}</Show>
              <Show when={props.user?.status === 'disabled'}>
                {' '}
                <span class="tag tag--danger">Disabled</span>
              </Show>
            </Show>
          </p>
        </div>
        <Show when={isEdit()}>
          <div class="toolbar">
            <Show when={can('function.users.create')}>
              <A
                class="button"
                href={`/users/new?companyId=${form().companyId}&parentUserId=${props.user?.id}`}
              >
                <UserPlus /> New sub-user
              </A>
            </Show>
            <Show when={can('function.users.expiry.edit') && !isSelf()}>
              <button type="button" class="button" onClick={() => setExpiryOpen(true)}>
                <Calendar /> Expiry…
              </button>
            </Show>
            <Show when={can('function.tokens.configure') && !isSelf()}>
              <button type="button" class="button" onClick={() => setTokenOpen(true)}>
                <Key /> Token rules…
              </button>
            </Show>
            <Show when={can('function.users.edit') && props.user?.id !== me()?.user.id}>
              <button type="button" class="button" onClick={() => setStatusOpen(true)}>
                <Ban /> {props.user?.status === 'disabled' ? 'Enable' : 'Disable'}
              </button>
            </Show>
            <Show when={can('function.users.delete') && props.user?.id !== me()?.user.id}>
              <button
                type="button"
                class="button button--danger-ghost"
                onClick={() => setDeleteOpen(true)}
              >
                <Trash /> Delete
              </button>
            </Show>
          </div>
        </Show>
      </div>

      <form class="card form" onSubmit={submit} novalidate>
        <Show when={isSelf()}>
          <p class="alert alert--info">
            This is your own account: only an administrator above you can change it here. Change
            your password from your name at the top right.
          </p>
        </Show>
        <ErrorAlert message={errors()?.message} />
        <fieldset class="form__fieldset" disabled={isSelf()}>
          <div class="form-grid">
            <Field label="Username" error={fieldError('username')}>
              <input
                name="username"
                value={form().username}
                autocomplete="off"
                required
                onInput={(e) => set('username', e.currentTarget.value)}
              />
            </Field>
            <Field label="Display name" error={fieldError('displayName')}>
              <input
                name="displayName"
                value={form().displayName}
                required
                onInput={(e) => set('displayName', e.currentTarget.value)}
              />
            </Field>
            {/* Not a Field: the meter's live verdict must stay out of the input's label. */}
            <div class="field" classList={{ 'field--invalid': !!fieldError('password') }}>
              <label class="field__label" for="user-password">
                {isEdit() ? 'Reset password (optional)' : 'Initial password'}
              </label>
              <input
                id="user-password"
                name="password"
                type="password"
                autocomplete="new-password"
                aria-describedby="user-password-hint user-password-strength"
                aria-invalid={!!fieldError('password')}
                value={form().password}
                onFocus={preloadPasswordEstimator}
                onInput={(e) => set('password', e.currentTarget.value)}
              />
              <Show
                when={fieldError('password')}
                fallback={
                  <span class="field__hint" id="user-password-hint">
                    {PASSWORD_RULE}
                  </span>
                }
              >
                <span class="field__error" id="user-password-hint">
                  {fieldError('password')}
                </span>
              </Show>
              <PasswordStrength
                id="user-password-strength"
                password={form().password}
                context={{
                  username: form().username,
                  email: form().email,
                  displayName: form().displayName,
                }}
              />
            </div>
            <Field label="Email" error={fieldError('email')}>
              <input
                name="email"
                type="email"
                value={form().email}
                onInput={(e) => set('email', e.currentTarget.value)}
              />
            </Field>
            <Field label="Phone" error={fieldError('phone')}>
              <input
                name="phone"
                type="tel"
                value={form().phone}
                onInput={(e) => set('phone', e.currentTarget.value)}
              />
            </Field>
            <Field label="Company" error={fieldError('companyId')}>
              <CompanySelect
                name="companyId"
                value={form().companyId}
                onChange={(id) => set('companyId', id)}
              />
            </Field>
            <Field
              label="Related company (scope)"
              error={fieldError('relatedCompanyId')}
              hint="The user manages this company and all its subsidiaries."
            >
              <CompanySelect
                name="relatedCompanyId"
                value={form().relatedCompanyId}
                onChange={(id) => set('relatedCompanyId', id)}
              />
            </Field>
            <Field label="Expiration date" error={fieldError('expiresAt')}>
              <div class="inline">
                <input
                  name="expiresOn"
                  type="date"
                  value={form().expiresOn}
                  disabled={form().never}
                  onInput={(e) => set('expiresOn', e.currentTarget.value)}
                />
                <label class="check">
                  <input
                    type="checkbox"
                    checked={form().never}
                    onChange={(e) => set('never', e.currentTarget.checked)}
                  />{' '}
                  Never
                </label>
              </div>
            </Field>
          </div>

          <MfaFactorSection
            value={form().mfa}
            onChange={(mfa) => set('mfa', mfa)}
            email={form().email}
            editable={canSetFactors()}
            readOnlyReason={
              isSelf()
                ? undefined
                : 'You can see how this account signs in, but changing it needs “Configure sign-in factors”.'
            }
            error={errors()}
            faceEnrolled={face()?.enrolled ?? false}
          />

          <UserFaceSection
            userId={props.user?.id}
            face={face()}
            inUse={faceInUse()}
            editable={canEnrolFace()}
            readOnlyReason={
              isSelf()
                ? 'Enrol your own face from the APP’s profile.'
                : faceInUse()
                  ? 'This account signs in with its face: replacing it needs “Configure sign-in factors”.'
                  : 'Enrolling a face needs “Edit users”.'
            }
            onChanged={setFace}
          />

          <h3 class="form__section">Roles</h3>
          <Show
            when={usableRoles().length > 0}
            fallback={
              <p class="muted">
                {can('function.roles.view')
                  ? 'No role is usable in this company yet.'
                  : 'You cannot see roles (that needs “View roles”); the roles this account holds stay as they are.'}
              </p>
            }
          >
            <div class="role-picks">
              <For each={usableRoles()}>
                {(r) => (
                  <label
                    class="role-pick"
                    classList={{ 'role-pick--on': form().roleIds.includes(r.id) }}
                  >
                    <input
                      type="checkbox"
                      checked={form().roleIds.includes(r.id)}
                      onChange={(e) =>
                        set(
                          'roleIds',
                          e.currentTarget.checked
                            ? [...form().roleIds, r.id]
                            : form().roleIds.filter((x) => x !== r.id),
                        )
                      }
                    />
                    <span>
                      <strong>{r.name}</strong>
                      <span class="muted small">
                        {r.companyName} · {r.permissions.length} permissions
                      </span>
                    </span>
                  </label>
                )}
              </For>
            </div>
          </Show>
          <Show when={fieldError('roleIds')}>
            <p class="field__error">{fieldError('roleIds')}</p>
          </Show>

          <h3 class="form__section">Direct permissions</h3>
          <p class="muted small">
            Granted on top of the roles. Greyed items are ones you do not hold yourself.
          </p>
          <Show when={fieldError('permissions')}>
            <p class="field__error">{fieldError('permissions')}</p>
          </Show>
          <PermissionEditor
            value={form().permissions}
            onChange={(keys) => set('permissions', keys)}
            grantable={grantable()}
            inherited={fromRoles()}
          />
        </fieldset>

        <div class="form__actions">
          <A class="button" href={form().companyId ? `/companies/${form().companyId}` : '/'}>
            Cancel
          </A>
          <button type="submit" class="button button--primary" disabled={saving() || isSelf()}>
            {saving() ? 'Saving…' : isEdit() ? 'Save changes' : 'Create user'}
          </button>
        </div>
      </form>

      <Show when={props.user}>
        {(u) => (
          <>
            <Show when={u().id === me()?.user.id || can('function.sessions.view')}>
              <SessionsPanel
                userId={u().id}
                canEnd={u().id === me()?.user.id || can('function.sessions.revoke')}
              />
            </Show>
            <ExplainPanel user={u()} />
            <SubUsers userId={u().id} />
            <TokenConfigDialog
              user={tokenOpen() ? u() : null}
              onClose={() => setTokenOpen(false)}
            />
            <StatusDialog user={statusOpen() ? u() : null} onClose={() => setStatusOpen(false)} />
            <ExpiryDialog
              user={expiryOpen() ? u() : null}
              canSync={can('function.users.expiry.sync')}
              onClose={() => setExpiryOpen(false)}
            />
            <DeleteUserDialog
              user={deleteOpen() ? u() : null}
              onClose={() => setDeleteOpen(false)}
              onDeleted={() => navigate(`/companies/${u().companyId}`, { replace: true })}
            />
          </>
        )}
      </Show>
    </div>
  );
}

function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: import('solid-js').JSX.Element;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control arrives as children
    <label class="field" classList={{ 'field--invalid': !!props.error }}>
      <span class="field__label">{props.label}</span>
      {props.children}
      <Show
        when={props.error}
        fallback={props.hint ? <span class="field__hint">{props.hint}</span> : null}
      >
        <span class="field__error">{props.error}</span>
      </Show>
    </label>
  );
}

function SubUsers(props: { userId: string }) {
  const subs = createAsync(() => getSubUsers(props.userId));
  return (
    <section class="card">
      <h3>Sub-users</h3>
      <Show when={(subs()?.users.length ?? 0) > 0} fallback={<p class="muted">No sub-users.</p>}>
        <ul class="link-list">
          <For each={subs()?.users}>
            {(s) => (
              <li>
                <A href={`/users/${s.id}`}>{s.displayName}</A>{' '}
                <span class="muted small">{s.username}</span>
                <Show when={s.subUserCount > 0}>
                  <span class="muted small"> · {s.subUserCount} below</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
