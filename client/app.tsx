import { Navigate, Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { LoginPage } from './features/auth/login-page';
import { AppShell } from './features/shell/app-shell';
import { OverviewPage } from './features/shell/overview-page';
import { guarded } from './features/shell/page-guard';
import { ToastHost } from './ui/toast';

const CompanyPage = lazy(() => import('./features/companies/company-page'));
const UserFormPage = lazy(() => import('./features/users/user-form-page'));
const RolesPage = lazy(() => import('./features/roles/roles-page'));
const AuditPage = lazy(() => import('./features/audit/audit-page'));
const ModulePage = lazy(() => import('./features/modules/module-page'));
const ChangePasswordPage = lazy(() => import('./features/auth/change-password-page'));
const NotFoundPage = lazy(() => import('./features/shell/not-found-page'));

export function App() {
  return (
    <>
      <Router>
        <Route path="/login" component={LoginPage} />
        <Route path="/password" component={ChangePasswordPage} />
        <Route path="/" component={AppShell}>
          <Route path="/" component={OverviewPage} />
          <Route path="/overview" component={() => <Navigate href="/" />} />
          {/* Each page needs the permission its API reads need; others get "no access". */}
          <Route
            path="/companies/:id"
            component={guarded('function.companies.view', CompanyPage)}
          />
          <Route path="/users/new" component={guarded('function.users.create', UserFormPage)} />
          <Route path="/users/:id" component={guarded('function.users.view', UserFormPage)} />
          <Route path="/roles" component={guarded('function.roles.view', RolesPage)} />
          <Route path="/audit" component={guarded('function.audit.view', AuditPage)} />
          <Route path="/m/:module" component={ModulePage} />
          <Route path="*404" component={NotFoundPage} />
        </Route>
      </Router>
      <ToastHost />
    </>
  );
}
