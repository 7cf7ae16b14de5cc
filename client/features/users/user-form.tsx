import { A, createAsync, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import type { Role } from '../../../schemas/roles';
import type { CreateUserInput, UserRecord } from '../../../schemas/users';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/use-me';
import { createMutation } from '../../ui/action';
import { ErrorAlert } from '../../ui/error-alert';
import { toast } from '../../ui/toast';
import { getCompany } from '../companies/company.queries';
import { MfaFactorSection } from '../mfa/mfa-factor-section';
import { cappedKeys, type ParentCap } from '../permissions/permission-standing';
import { getRoles } from '../roles/role.queries';
import { UserAccountPanels } from './user-account-panels';
import { UserExpiryField } from './user-expiry-field';
import { UserFaceSection } from './user-face-section';
import './user-form.css';
import { createUserFormChecks } from './user-form-checks';
import { createUserDraft } from './user-form-draft';
import { saveNewUserFactors, saveUserEdit } from './user-form-save';
import { fromUser } from './user-form-state';
import { UserGrantsSection } from './user-grants-section';
import { UserIdentityFields } from './user-identity-fields';
import { type UserDialog, UserPageHead } from './user-page-head';
import { UserPlacementFields } from './user-placement-fields';
import { UserRolePicks } from './user-role-picks';

const MFA_SLOTS = new Set(['webLogin', 'appLogin', 'appUnlock']);

/** The user form: the parts below, its checks, and saving (create, or an edit's changes). */
export function UserForm(props: {
  user: UserRecord | undefined;
  parent: UserRecord | undefined;
  initialCompanyId: string;
}) {
  const navigate = useNavigate();
  const { me, can } = useMe();
  const draft = createUserDraft({
    get user() {
      return props.user;
    },
    get parent() {
      return props.parent;
    },
    initialCompanyId: props.initialCompanyId,
    ownExpiry: () => me()?.user.expiresAt,
  });
  const { form, set } = draft;
  const isEdit = () => props.user !== undefined;
  // Own changes go through /me (with the current password): the API refuses them here.
  const isSelf = () => isEdit() && props.user?.id === me()?.user.id;
  const rolesVisible = () => can('function.roles.view');
  const roles = createAsync(async () => (rolesVisible() ? getRoles() : undefined));
  // Without "View companies" the read is refused, which would replace the form (page-guard).
  // Read by id alone: a keystroke elsewhere in the form must not read the company again (a
  // pending read suspends the page and takes the focus away).
  const companyId = createMemo(() => form().companyId);
  const company = createAsync(async () => {
    const id = companyId();
    return id && can('function.companies.view') ? getCompany(id) : undefined;
  });
  const checks = createUserFormChecks({
    form,
    baseline: draft.baseline,
    user: () => props.user,
    parent: () => props.parent,
    ownExpiry: () => me()?.user.expiresAt,
    rolesVisible,
  });
  const [dialog, setDialog] = createSignal<UserDialog | null>(null);

  /** Roles usable in the account's company, and always the ones it holds. */
  const shownRoles = createMemo((): Role[] | null => {
    if (!rolesVisible()) return null;
    const all = roles()?.roles ?? [];
    const trail = company()?.trail;
    // Without the company's trail (no "View companies") every visible role is offered; the
    // API refuses one the company cannot use, beside the roles.
    if (!trail) return all;
    const owners = new Set([...trail.map((c) => c.id), form().companyId]);
    return all.filter(
      (r) => owners.has(r.companyId) || !r.editable || form().roleIds.includes(r.id),
    );
  });
  const grantable = createMemo(() => new Set(me()?.permissions ?? []));
  const fromRoles = createMemo(() => {
    const chosen = new Set(form().roleIds);
    return new Set(
      (roles()?.roles ?? []).filter((r) => chosen.has(r.id)).flatMap((r) => r.permissions),
    );
  });
  /** What caps a sub-user: its parent's effective set (the parent's own cap included). */
  const parentCap = createMemo((): ParentCap | undefined => {
    if (props.parent) {
      return { name: props.parent.username, held: new Set(props.parent.effectivePermissions) };
    }
    const u = props.user;
    if (!u?.parentUserId) return undefined;
    // A parent outside the admin's scope cannot be read: what it removed from the stored
    // grants shows in the stored effective set.
    const effective = new Set(u.effectivePermissions);
    const removed = [...u.permissions, ...fromRoles()].filter((k) => !effective.has(k));
    const held = new Set([...effective, ...u.permissions, ...fromRoles()]);
    for (const k of removed) held.delete(k);
    return { name: null, held };
  });
  const standing = () => ({ fromRoles: fromRoles(), parent: parentCap(), grantable: grantable() });

  const canSetFactors = () =>
    can('web.organization.users.mfa') && can('function.mfa.configure') && !isSelf();
  const [face, setFace] = createSignal<FaceEnrolment | undefined>(props.user?.face);
  createEffect(on(() => props.user?.face, setFace, { defer: true }));
  const faceInUse = () => {
    const stored = draft.baseline()?.mfa;
    return stored?.appLogin === 'face' || stored?.appUnlock === 'face';
  };
  const canEnrolFace = () =>
    can('function.users.edit') && !isSelf() && (!faceInUse() || can('function.mfa.configure'));

  const savedWords = (base: string) => {
    const n = cappedKeys({ ...standing(), direct: new Set(form().permissions) }).length;
    return n > 0 ? `${base} ${t('permissions.cappedSummary', n)}` : base;
  };

  const saveEdit = async (user: UserRecord) => {
    const base = draft.baseline();
    if (!base) return;
    const f = form();
    const saved = await saveUserEdit(user.id, base, f, checks.expiresAt(), (landed) => {
      if (landed.profile) {
        draft.setBaseline(fromUser(landed.profile));
        draft.setForm((now) => ({ ...now, password: '' }));
      }
      const mfa = landed.mfa;
      if (mfa) draft.setBaseline((b) => (b ? { ...b, mfa } : b));
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
    await saveNewUserFactors(created, form().mfa).catch((err: unknown) =>
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
      if (props.user) return await saveEdit(props.user);
      await saveNew(body);
      if (createdId) navigate(`/users/${createdId}`, { replace: true });
    } finally {
      setSending(false);
    }
  }, t('users.savingFailed'));

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = checks.submit();
    if (body === null) return bringFaultIntoView();
    // A refusal answers at once (the refresh waits only after a change that landed).
    await save.run(body);
    const err = save.error();
    if (err?.field && !MFA_SLOTS.has(err.field)) checks.v.setServerError(err.field, err.message);
    if (err) bringFaultIntoView();
  };
  // A field error beside its field; the alert holds only what no field owns.
  const alertText = () => {
    const err = save.error();
    return err && !err.field ? err.message : undefined;
  };

  return (
    <div class="page user-page">
      <UserPageHead
        user={props.user}
        parent={props.parent}
        companyId={form().companyId}
        companyName={company()?.name}
        onOpen={setDialog}
      />
      <form class="card form user-form" onSubmit={submit} novalidate>
        <Show when={isSelf()}>
          <p class="alert alert--info">{t('users.ownAccount')}</p>
        </Show>
        <ErrorAlert message={alertText()} />
        <fieldset class="form__fieldset" disabled={isSelf()}>
          <div class="form-grid user-form__grid">
            <UserIdentityFields form={form()} set={set} checks={checks} isEdit={isEdit()} />
            <UserPlacementFields form={form()} set={set} checks={checks} />
            <UserExpiryField
              form={form()}
              set={set}
              checks={checks}
              parentName={props.parent?.username}
            />
          </div>
          <MfaFactorSection
            value={form().mfa}
            onChange={(mfa) => set('mfa', mfa)}
            email={form().email}
            editable={canSetFactors()}
            readOnlyReason={isSelf() ? undefined : t('users.mfaReadOnly')}
            error={save.error()}
            faceEnrolled={face()?.enrolled ?? false}
          />
          <UserFaceSection
            userId={props.user?.id}
            face={face()}
            inUse={faceInUse()}
            editable={canEnrolFace()}
            readOnlyReason={
              isSelf()
                ? t('users.faceOwn')
                : faceInUse()
                  ? t('users.faceInUse')
                  : t('users.faceNeedsEdit')
            }
            onChanged={setFace}
          />
          <UserRolePicks
            roles={shownRoles()}
            chosen={form().roleIds}
            heldCount={props.user?.roleIds.length ?? 0}
            isEdit={isEdit()}
            grantable={grantable()}
            error={checks.v.error('roleIds')}
            onChange={(ids) => set('roleIds', ids)}
          />
          <UserGrantsSection
            value={form().permissions}
            onChange={(keys) => set('permissions', keys)}
            standing={standing()}
            error={checks.v.error('permissions')}
          />
        </fieldset>
        <div class="form__actions">
          <Show when={checks.errorCount() > 0 && save.error() === null}>
            <span class="field__error user-form__count" role="status">
              {t('users.fixErrors', checks.errorCount())}
            </span>
          </Show>
          <A class="button" href={form().companyId ? `/companies/${form().companyId}` : '/'}>
            {t('users.cancel')}
          </A>
          <button type="submit" class="button button--primary" disabled={sending() || isSelf()}>
            {sending()
              ? t('users.saving')
              : isEdit()
                ? t('users.saveChanges')
                : t('users.createUser')}
          </button>
        </div>
      </form>
      <Show when={props.user}>
        {(u) => <UserAccountPanels user={u()} dialog={dialog()} onClose={() => setDialog(null)} />}
      </Show>
    </div>
  );
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
