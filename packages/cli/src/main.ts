/**
 * policy-playground: the evaluator from a terminal and CI (docs/workspace-format.md "CLI").
 *   test FILE...      evaluate every probe, compare with expect
 *   matrix FILE       every client × every Service port, as the seeds print it
 *   explain FILE      one request's verdict and trace
 *   lint FILE...      diagnostics with file:line:column
 *   diff BEFORE AFTER which probes' outcomes a policy change changes, adds and removes
 *   export-script FILE a bash script that checks the evaluated outcomes on a real cluster
 *   import FILE...    a workspace from kubectl get -o yaml|json output and manifests
 */
import { parseArgs } from 'node:util';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { importCommand, parseProbesOption } from './commands/import';
import { exportScriptCommand } from './commands/export-script';
import { lintCommand } from './commands/lint';
import { matrixCommand } from './commands/matrix';
import { testCommand } from './commands/test';
import { printable } from './format';
import { EXIT, UsageError, type Io } from './io';

export const USAGE = `Usage: policy-playground <command> [options]

Commands:
  test FILE...      evaluate every probe and compare it with its expect
                    exit 0 all pass, 1 any fail or invalid probe, 2 not a workspace
  matrix FILE       every client × every Service port: "sleep.foo to httpbin.bar: 200"
  explain FILE --from NS/W|external --to NS/W --port P
                    [--path P] [--method M] [--host H] [--header k=v]... [--token NAME] [--source-ip IP]
  lint FILE...      errors, warnings and security lints with file:line:column
  diff BEFORE AFTER [--json | --markdown [--link URL]]
                    the probes whose outcome (status, verdict, mTLS) differs, and those added or removed
                    exit 0 nothing changed, 1 something changed, was added or removed, 2 not a workspace
  export-script FILE
                    a bash script that applies the Istio resources and checks every evaluated
                    outcome on a real cluster with kubectl exec … curl; exit 2 not a workspace
  import FILE... [--probes none|services]
                    a workspace from \`kubectl get -o yaml|json\` output and manifests (- for stdin):
                    the workspace on stdout, what was read and skipped on stderr;
                    exit 0, 2 when a file does not parse or nothing usable was found

Options:
  --json            machine-readable output
  --markdown        (diff) a Markdown report for a pull request comment
  --link URL        (diff --markdown) the share link the report ends with
  --now TIME        evaluation clock (RFC 3339) for JWT exp/nbf
  --verbose, -v     (test) print the trace of every probe, not only failing ones
  --path P          (matrix) request path, default /
  --all             (matrix) every workload, not only those the probes name
  --probes P        (import) services: a probe per client and Service port (default); none
  --help, -h        this text
`;

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--now "${value}" is not an RFC 3339 time`);
  return new Date(ms);
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        link: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        now: { type: 'string' },
        all: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        port: { type: 'string' },
        path: { type: 'string' },
        method: { type: 'string' },
        host: { type: 'string' },
        header: { type: 'string', multiple: true, default: [] },
        token: { type: 'string' },
        'source-ip': { type: 'string' },
        probes: { type: 'string' },
      },
    });
    const [command, ...files] = positionals;
    if (values.help || !command) {
      io.stdout(USAGE);
      return command || values.help ? EXIT.ok : EXIT.invalid;
    }
    const now = parseNow(values.now);
    const withNow = now ? { now } : {};
    if (command === 'import') {
      if (files.length === 0) throw new UsageError('import needs a file (or - for standard input)');
      return await importCommand(files, { probes: parseProbesOption(values.probes) }, io);
    }
    if (files.length === 0) throw new UsageError(`${command} needs a workspace file`);
    switch (command) {
      case 'test':
        return await testCommand(files, { json: values.json, verbose: values.verbose, ...withNow }, io);
      case 'lint':
        return await lintCommand(files, { json: values.json }, io);
      case 'matrix':
        if (files.length !== 1) throw new UsageError('matrix takes one workspace file');
        return await matrixCommand(
          files[0] ?? '',
          { json: values.json, all: values.all, ...(values.path ? { path: values.path } : {}), ...withNow },
          io,
        );
      case 'explain': {
        if (files.length !== 1) throw new UsageError('explain takes one workspace file');
        if (!values.from || !values.to || !values.port)
          throw new UsageError('explain needs --from, --to and --port');
        const port = Number(values.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          throw new UsageError(`--port "${values.port}" is not a port number`);
        return await explainCommand(
          files[0] ?? '',
          {
            from: values.from,
            to: values.to,
            port,
            headers: values.header,
            json: values.json,
            ...(values.path ? { path: values.path } : {}),
            ...(values.method ? { method: values.method } : {}),
            ...(values.host ? { host: values.host } : {}),
            ...(values.token ? { token: values.token } : {}),
            ...(values['source-ip'] ? { sourceIp: values['source-ip'] } : {}),
            ...withNow,
          },
          io,
        );
      }
      case 'diff': {
        if (files.length !== 2) throw new UsageError('diff takes two workspace files: BEFORE AFTER');
        if (values.json && values.markdown) throw new UsageError('diff takes --json or --markdown, not both');
        return await diffCommand(
          files[0] ?? '',
          files[1] ?? '',
          {
            format: values.json ? 'json' : values.markdown ? 'markdown' : 'text',
            ...(values.link ? { link: values.link } : {}),
            ...withNow,
          },
          io,
        );
      }
      case 'export-script':
        if (files.length !== 1) throw new UsageError('export-script takes one workspace file');
        return await exportScriptCommand(files[0] ?? '', withNow, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`policy-playground: ${printable(error.message)}\n\n${USAGE}`);
      return EXIT.invalid;
    }
    throw error;
  }
}
