import { createAsync, useParams, useSearchParams } from '@solidjs/router';
import { Show, Suspense } from 'solid-js';
import { t } from '../../i18n';
import { orNotFound } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { NotFoundState } from '../../ui/not-found-state';
import { Spinner } from '../../ui/spinner';
import { getUser } from './user.queries';
import { UserForm } from './user-form';

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
  usePageTitle(() => (editing() ? user()?.displayName : t('users.newUser')));
  const parentId = () => (editing() ? user()?.parentUserId : search.parentUserId) ?? undefined;
  const parent = createAsync(async () => {
    const id = parentId();
    return id ? getUser(id).catch(() => undefined) : undefined;
  });

  return (
    <Suspense
      fallback={
        <div class="page">
          <Spinner /> {t('common.loading')}
        </div>
      }
    >
      {/* A fresh form per read of the account (as before this split): keyed by id alone, a
          refresh after a save left the router's transition pending and the form frozen. */}
      <Show
        when={!editing() || user()}
        keyed
        fallback={<NotFoundState title={t('users.notFound')} />}
      >
        <UserForm
          user={user() ?? undefined}
          parent={parent()}
          initialCompanyId={search.companyId ?? ''}
        />
      </Show>
    </Suspense>
  );
}
