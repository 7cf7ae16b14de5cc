import { render } from 'solid-js/web';
import { AppRoot } from '../features/app/app-root';
import { registerAppServiceWorker } from '../features/app/app-service-worker';
import '../ui/styles.css';
import '../features/app/app.css';

const root = document.getElementById('root');
if (root) render(() => <AppRoot />, root);
registerAppServiceWorker();
