import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import type { UserRecord } from '../../../schemas/users';
import { t } from '../../i18n';
import { useMe } from '../../lib/use-me';
import { ErrorAlert } from '../../ui/error-alert';
import { MfaFactorSection } from '../mfa/mfa-factor-section';
import { UserAccountPanels } from './user-account-panels';
import { UserExpiryField } from './user-expiry-field';
import { UserFaceSection } from './user-face-section';
import './user-form.css';
import { createUserFormChecks } from './user-form-checks';
import { createUserDraft } from './user-form-draft';
import { createUserFormSave } from './user-form-submit';
import { createUserGrantInputs } from './user-grant-inputs';
import { UserGrantsSection } from './user-grants-section';
import { UserIdentityFields } from './user-identity-fields';
import { type UserDialog, UserPageHead } from './user-page-head';
import { UserPlacementFields } from './user-placement-fields';
import { UserRolePicks } from './user-role-picks';

/** The user form: the parts below, its checks, and saving (create, or an edit's changes). */
export function UserForm(props: {
  user: UserRecord | undefined;
  parent: UserRecord | undefined;
  initialCompanyId: string;
}) {
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
  const grants = createUserGrantInputs({
    form,
    user: () => props.user,
    parent: () => props.parent,
  });
  const { company, standing } = grants;
  const checks = createUserFormChecks({
    form,
    baseline: draft.baseline,
    user: () => props.user,
    parent: () => props.parent,
    ownExpiry: () => me()?.user.expiresAt,
    rolesVisible: grants.rolesVisible,
  });
  const [dialog, setDialog] = createSignal<UserDialog | null>(null);

  const canSetFactors = () =>
    can('web.organization.users.mfa') && can('function.mfa.configure') && !isSelf();
  // The page builds a new form for each read of the account, so this starts from the latest.
  const [face, setFace] = createSignal<FaceEnrolment | undefined>(props.user?.face);
  const faceInUse = () => {
    const stored = draft.baseline()?.mfa;
    return stored?.appLogin === 'face' || stored?.appUnlock === 'face';
  };
  const canEnrolFace = () =>
    can('function.users.edit') && !isSelf() && (!faceInUse() || can('function.mfa.configure'));

  const { save, sending, submit } = createUserFormSave({
    draft,
    checks,
    user: () => props.user,
    standing,
  });
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
            roles={grants.shownRoles()}
            chosen={form().roleIds}
            heldCount={props.user?.roleIds.length ?? 0}
            isEdit={isEdit()}
            grantable={standing().grantable}
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
