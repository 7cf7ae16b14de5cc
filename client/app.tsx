import { Navigate, Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { LoginPage } from './features/auth/login-page';
import { AppShell } from './features/shell/app-shell';
import { OverviewPage } from './features/shell/overview-page';

const NotFoundPage = lazy(() => import('./features/shell/not-found-page'));

export function App() {
  return (
    <Router>
      <Route path="/login" component={LoginPage} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={OverviewPage} />
        <Route path="/overview" component={() => <Navigate href="/" />} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  );
}
