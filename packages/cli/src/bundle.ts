/**
 * The prebuilt CLI's entry (build.mjs bundles it into `dist/policy-playground.cjs`): `run` and
 * `main` for `bin/policy-playground.cjs`, which loads the bundle with its V8 code cache; started
 * directly (`node dist/policy-playground.cjs matrix …`), it runs its own command line.
 */
import { run } from './run';

export { main, run } from './run';

if (require.main === module) void run(process.argv.slice(2));
