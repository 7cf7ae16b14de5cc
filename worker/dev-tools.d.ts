/**
 * Build-time switch for the development tools (the dev mail outbox, `GET /api/v1/dev/outbox`,
 * the `/dev/mailbox` page). wrangler.jsonc's `define` sets it to `false`, so a deployed bundle
 * holds none of their code (esbuild drops the dead branches and what only they import);
 * `wrangler dev` started by our scripts passes `--define __DEV_TOOLS__:true`, and the workerd
 * tests set it in vitest.worker.config.ts. A build-time constant, not a var: a var could be
 * switched on in production by configuration alone.
 */
declare const __DEV_TOOLS__: boolean;
