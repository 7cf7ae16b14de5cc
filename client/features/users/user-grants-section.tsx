import { Show } from 'solid-js';
import { t } from '../../i18n';
import { PermissionEditor } from '../permissions/permission-editor';
import { cappedKeys, type StandingInputs } from '../permissions/permission-standing';

/**
 * Direct permissions, on top of the roles: each row says whether the account holds it, its
 * parent caps it, or the admin cannot grant it; a line counts what the parent caps.
 */
export function UserGrantsSection(props: {
  value: string[];
  onChange: (keys: string[]) => void;
  standing: Omit<StandingInputs, 'direct'>;
  error: string | undefined;
}) {
  const capped = () => cappedKeys({ ...props.standing, direct: new Set(props.value) }).length;
  return (
    <section aria-labelledby="user-grants-title">
      <h3 class="form__section" id="user-grants-title">
        {t('users.directPermissions')}
      </h3>
      <p class="muted small">
        {t('users.directHint')} {t('permissions.legend')}
      </p>
      <div aria-live="polite">
        <Show when={capped() > 0}>
          <p class="alert alert--warning">{t('permissions.cappedSummary', capped())}</p>
        </Show>
      </div>
      <Show when={props.error}>
        <p class="field__error">{props.error}</p>
      </Show>
      <PermissionEditor
        value={props.value}
        onChange={props.onChange}
        grantable={props.standing.grantable}
        standing={props.standing}
      />
    </section>
  );
}
