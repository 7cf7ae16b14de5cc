import { For, Match, Switch } from 'solid-js';
import type { Role } from '../../../schemas/roles';
import { t } from '../../i18n';

/**
 * The roles section. An admin who cannot read roles sees how many the account holds, and the
 * form never names them (an omitted `roleIds` keeps them as they are on the server). A role
 * giving what the admin lacks cannot be assigned, and says why.
 */
export function UserRolePicks(props: {
  /** Null: the admin cannot read roles. */
  roles: Role[] | null;
  chosen: string[];
  /** Roles the account holds on the server (an edit), to count the hidden ones. */
  heldCount: number;
  isEdit: boolean;
  grantable: ReadonlySet<string>;
  error: string | undefined;
  onChange: (roleIds: string[]) => void;
}) {
  const assignable = (r: Role) => r.permissions.every((k) => props.grantable.has(k));
  return (
    <section class="user-roles" aria-labelledby="user-roles-title">
      <h3 class="form__section" id="user-roles-title">
        {t('users.roles')}
      </h3>
      <Switch>
        <Match when={props.roles === null}>
          <p class="muted">
            {props.isEdit ? t('users.rolesHidden', props.heldCount) : t('users.rolesHiddenNew')}
          </p>
        </Match>
        <Match when={props.roles?.length === 0}>
          <p class="muted">{t('users.noUsableRole')}</p>
        </Match>
        <Match when={props.roles}>
          {(roles) => (
            <div class="role-picks">
              <For each={roles()}>
                {(r) => {
                  const on = () => props.chosen.includes(r.id);
                  const locked = () => !on() && !assignable(r);
                  return (
                    <label
                      class="role-pick"
                      classList={{ 'role-pick--on': on(), 'role-pick--locked': locked() }}
                    >
                      <input
                        type="checkbox"
                        name="roleIds"
                        value={r.id}
                        checked={on()}
                        disabled={locked()}
                        aria-describedby={locked() ? `role-${r.id}-why` : undefined}
                        onChange={(e) =>
                          props.onChange(
                            e.currentTarget.checked
                              ? [...props.chosen, r.id]
                              : props.chosen.filter((x) => x !== r.id),
                          )
                        }
                      />
                      <span>
                        <strong>{r.name}</strong>
                        <span class="muted small">
                          {r.companyName} · {t('users.rolePermissions', r.permissions.length)}
                        </span>
                        {locked() ? (
                          <span class="muted small" id={`role-${r.id}-why`}>
                            {t('users.roleNotAssignable')}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  );
                }}
              </For>
            </div>
          )}
        </Match>
      </Switch>
      {props.error ? <p class="field__error">{props.error}</p> : null}
    </section>
  );
}
