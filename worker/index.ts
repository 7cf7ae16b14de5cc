import { app } from './app';
import type { Bindings } from './env';

export type { AppType } from './app';
export { FanOut } from './durable-objects/fan-out';
export { LoginThrottle } from './durable-objects/login-throttle';
export { SessionHub } from './durable-objects/session-hub';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
