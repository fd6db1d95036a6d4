/**
 * The trace of one hop, built in one place from what each stage of `hop.ts` decided: the messages a
 * user reads in the inspector and in `policy-playground explain` (docs/workspace-format.md "Outcomes").
 */
import type { RawStep } from '../authz/decide';
import { pathEnd } from '../match';
import type { MeshWorkload } from '../mesh';
import type { ModeDecision } from '../mtls/peer-authentication';
import type { Engine } from './engine';
import type { HopDecisions, HopInput, HopStep, JwtStage, Transport } from './hop';

function clientTlsStep(input: HopInput, transport: Transport): RawStep {
  const { client } = input;
  if (client && transport.client.proxy) {
    const tls = transport.client.tls;
    return {
      stage: 'client-tls',
      outcome: 'info',
      message: `${client.key} proxy: ${tls.reason}`,
      ...(tls.destinationRule ? { meta: tls.destinationRule.meta, path: tls.tlsPath ?? [] } : {}),
    };
  }
  return {
    stage: 'client-tls',
    outcome: 'info',
    message: `${client ? `${client.key} has no sidecar` : 'the client is outside the mesh'}: it sends plaintext (DestinationRules do not apply)`,
  };
}

function serverModeStep(server: MeshWorkload, port: number, mode: ModeDecision): RawStep {
  const where = mode.policy
    ? `${mode.origin}-level PeerAuthentication ${mode.policy.meta.namespace}/${mode.policy.meta.name}${mode.origin === 'port' ? ` portLevelMtls ${port}` : ''}`
    : 'no PeerAuthentication sets a mode: the default';
  return {
    stage: 'server-tls',
    outcome: 'info',
    message: `${server.key} sidecar accepts ${mode.mode} on port ${port} (${where})`,
    ...(mode.policy
      ? {
          meta: mode.policy.meta,
          path:
            mode.origin === 'port'
              ? [...mode.policy.meta.basePath, 'spec', 'portLevelMtls', String(port)]
              : [...mode.policy.meta.basePath, 'spec', 'mtls'],
        }
      : {}),
  };
}

function serverTlsStep(input: HopInput, transport: Transport): RawStep {
  const { server } = input;
  switch (transport.server.kind) {
    case 'gateway':
      return {
        stage: 'server-tls',
        outcome: 'info',
        message: `${server.key} is a gateway: its listener serves plaintext HTTP here (Gateway servers, not PeerAuthentication, govern it)`,
      };
    case 'sidecar':
      return serverModeStep(server, input.targetPort, transport.server.mode);
    case 'app':
      return {
        stage: 'server-tls',
        outcome: 'info',
        message: `${server.key} has no sidecar: the app accepts plaintext only`,
      };
  }
}

function transportStep(input: HopInput, transport: Transport): RawStep {
  const { shake } = transport;
  if (!shake.ok)
    return {
      stage: 'transport',
      outcome: 'fail',
      message: `${shake.reason}${transport.client.proxy && input.chain === 'http' ? ': the client sidecar answers 503' : ': the connection is reset (curl prints 000)'}`,
    };
  return {
    stage: 'transport',
    outcome: 'pass',
    message: `connected over ${shake.mtls ? 'mTLS' : 'plaintext'}${shake.mtls ? ` as ${input.client?.principal ?? ''}` : ' (no peer identity)'}`,
  };
}

/** Envoy's path normalization: a rejected path, or the path as policies see it when it changed. */
function pathSteps(engine: Engine, input: HopInput, normalized: HopDecisions['path']): RawStep[] {
  if (input.chain !== 'http' || !normalized) return [];
  if (normalized.rejected)
    return [
      {
        stage: 'protocol',
        outcome: 'fail',
        message: `the path ${input.request.path} is rejected by Envoy's path normalization (400) before any filter runs`,
      },
    ];
  const sent = input.request.path.slice(0, pathEnd(input.request.path));
  if (sent === normalized.path) return [];
  return [
    {
      stage: 'protocol',
      outcome: 'info',
      message: `${engine.mesh.pathNormalization} path normalization: ${sent} becomes ${normalized.path} (what policies match and the app receives)`,
    },
  ];
}

function refusedSteps(engine: Engine, server: MeshWorkload): RawStep[] {
  return engine.refusedPolicies(server).map((refused) => {
    const m = refused.meta;
    return {
      stage: m.kind === 'RequestAuthentication' ? 'jwt' : 'allow',
      outcome: 'skip',
      message: `${m.kind} ${m.namespace}/${m.name} would apply here, but a cluster refuses it (see its errors): it is not enforced`,
      meta: m,
      path: [...m.basePath],
    };
  });
}

function jwtStep(jwt: JwtStage): RawStep {
  if (jwt.kind === 'tcp')
    return {
      stage: 'jwt',
      outcome: 'skip',
      message: 'RequestAuthentication applies, but there is no JWT filter on a TCP port',
    };
  const { outcome } = jwt;
  const p = outcome.provider;
  return {
    stage: 'jwt',
    outcome: outcome.result === 'pass' ? 'pass' : 'fail',
    message: outcome.message,
    ...(p
      ? {
          meta: p.ra.meta,
          path: [...p.ra.meta.basePath, 'spec', 'jwtRules', p.rule.index],
          rule: p.rule.index,
        }
      : {}),
  };
}

/** Every stage the hop reached, in the order the proxies run them (docs/semantics.md §1). */
function reachedSteps(engine: Engine, input: HopInput, d: HopDecisions): RawStep[] {
  const { transport } = d;
  const steps = [
    clientTlsStep(input, transport),
    serverTlsStep(input, transport),
    transportStep(input, transport),
  ];
  if (!transport.shake.ok) return steps;
  if (transport.server.kind === 'app') {
    steps.push({
      stage: 'allow',
      outcome: 'pass',
      message: `${input.server.key} has no proxy: no policy is enforced`,
    });
    return steps;
  }
  steps.push(...pathSteps(engine, input, d.path));
  if (!d.custom) return steps;
  steps.push(...refusedSteps(engine, input.server), ...d.custom.steps);
  if (d.jwt) steps.push(jwtStep(d.jwt));
  if (d.rbac) steps.push(...d.rbac.steps);
  return steps;
}

export function hopTrace(engine: Engine, input: HopInput, decisions: HopDecisions): HopStep[] {
  const { hop } = input;
  return reachedSteps(engine, input, decisions).map((s) => Object.assign(s, { hop }));
}
