// Writes the prebuilt bundle's V8 code cache (bin/prebuilt.cjs): loads the bundle as the bin does,
// runs the commands whose functions are worth caching on golden workspaces (output discarded),
// then asks V8 for the code of everything compiled so far. Run by build.mjs in a fresh node
// process, without flags, as the bin will be: `node code-cache.mjs BUNDLE`.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrebuilt } from './bin/prebuilt.cjs';

const here = dirname(fileURLToPath(import.meta.url));
const golden = (name) => join(here, '../evaluator/test/golden', `${name}.yaml`);
const bundle = resolve(process.argv[2] ?? '');
const { exports, script } = loadPrebuilt(bundle, { useCache: false });
const quiet = { stdout() {}, stderr() {} };
for (const argv of [
  ['matrix', '--all', golden('authn-namespace-strict')],
  ['matrix', '--json', golden('authn-port-level')],
  ['test', '--json', golden('authn-mesh-strict')],
  ['test', golden('authn-port-level')],
  ['lint', golden('authn-mesh-strict')],
  ['explain', golden('authn-mesh-strict'), '--from', 'foo/sleep', '--to', 'bar/httpbin', '--port', '8000'],
])
  await exports.main(argv, quiet);
writeFileSync(`${bundle}.cache`, script.createCachedData());
