import { render } from 'solid-js/web';
import { AppRoot } from '../features/app/app-root';
import { registerAppServiceWorker } from '../features/app/app-service-worker';
import '../ui/styles.css';
import { startLocale } from '../i18n';
import '../features/app/app.css';

const root = document.getElementById('root');
// The chosen language's catalog first, so the first paint already speaks it.
if (root) void startLocale().then(() => render(() => <AppRoot />, root));
registerAppServiceWorker();
