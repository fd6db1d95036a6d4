/**
 * JWT strings: rendering a probe's token spec, and parsing a compact JWT the way Envoy's
 * jwt_verify_lib (`Jwt::parseFromString`) does, so a malformed token fails with the same reason.
 */
import { base64url } from 'jose';
import type { TokenSpec } from '../types';

/**
 * Signature segment of a simulated token whose signature verifies. `simulated-valid` is valid
 * base64url for 11 bytes; no real signature has that length (RS/PS: the modulus size, at least
 * 64 bytes; ES: 64/96/132; EdDSA: 64; HS: 32/48/64), so a real JWT can never carry it.
 */
export const SIMULATED_VALID_SIGNATURE = 'simulated-valid';
/** Signature segment of a simulated token whose signature never verifies (12 bytes; see above). */
export const SIMULATED_INVALID_SIGNATURE = 'simulated-forged';

/** Header of every simulated token. The kid names no real key, so real JWKS never match it. */
const SIMULATED_HEADER = { alg: 'RS256', typ: 'JWT', kid: 'playground-simulated' } as const;

/** Algorithms jwt_verify_lib implements; any other `alg` is rejected while parsing. */
const SUPPORTED_ALGS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'HS256',
  'HS384',
  'HS512',
  'EdDSA',
]);

/** The compact string a token is sent as (see the markers above for simulated tokens). */
export function renderToken(spec: TokenSpec): string {
  if (typeof spec.jwt === 'string') return spec.jwt;
  if (typeof spec.raw === 'string') return spec.raw;
  const header = base64url.encode(JSON.stringify(SIMULATED_HEADER));
  const payload = base64url.encode(JSON.stringify(spec.claims ?? {}));
  const signature = spec.signature === 'invalid' ? SIMULATED_INVALID_SIGNATURE : SIMULATED_VALID_SIGNATURE;
  return `${header}.${payload}.${signature}`;
}

/** Whether a parsed token's signature segment is one of the simulated markers. */
export type SignatureKind = 'simulated-valid' | 'simulated-invalid' | 'real';

/** A token that parsed: what the later checks (issuer, time, audience, key) need. */
export interface ParsedJwt {
  alg: string;
  kid: string;
  iss: string;
  sub: string;
  audiences: string[];
  /** 0 when absent (jwt_verify_lib skips the check then). */
  exp: number;
  nbf: number;
  payload: Record<string, unknown>;
  signature: SignatureKind;
}

export type ParseResult = { ok: true; jwt: ParsedJwt } | { ok: false; reason: string };

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

function decodeSegment(segment: string): Uint8Array | null {
  if (!BASE64URL.test(segment)) return null;
  const bare = segment.replace(/=+$/, '');
  if (bare.length % 4 === 1) return null;
  try {
    return base64url.decode(bare);
  } catch {
    return null;
  }
}

function decodeJsonObject(segment: string): Record<string, unknown> | 'bad-base64' | 'bad-json' {
  const bytes = decodeSegment(segment);
  if (bytes === null) return 'bad-base64';
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'bad-json';
    return value as Record<string, unknown>;
  } catch {
    return 'bad-json';
  }
}

function timeClaim(value: unknown): number | null {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return Math.floor(value);
}

/** Parse a compact JWT; on failure `reason` is jwt_verify_lib's status text for it. */
export function parseJwt(token: string): ParseResult {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return {
      ok: false,
      reason: 'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections',
    };
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonObject(headerPart);
  if (header === 'bad-base64') return { ok: false, reason: 'Jwt header is an invalid Base64url encoded' };
  if (header === 'bad-json') return { ok: false, reason: 'Jwt header is an invalid JSON' };
  const alg = header['alg'];
  if (typeof alg !== 'string') {
    return { ok: false, reason: 'Jwt header [alg] field is required and must be a string' };
  }
  if (!SUPPORTED_ALGS.has(alg)) return { ok: false, reason: `Jwt header [alg] ${alg} is not supported` };
  const kid = header['kid'];
  if (kid !== undefined && typeof kid !== 'string') {
    return { ok: false, reason: 'Jwt header [kid] field is not a string' };
  }
  const payload = decodeJsonObject(payloadPart);
  if (payload === 'bad-base64') return { ok: false, reason: 'Jwt payload is an invalid Base64url encoded' };
  if (payload === 'bad-json') return { ok: false, reason: 'Jwt payload is an invalid JSON' };
  const iss = payload['iss'];
  if (iss !== undefined && typeof iss !== 'string') {
    return { ok: false, reason: 'Jwt payload [iss] field is not a string' };
  }
  const sub = payload['sub'];
  if (sub !== undefined && typeof sub !== 'string') {
    return { ok: false, reason: 'Jwt payload [sub] field is not a string' };
  }
  const aud = payload['aud'];
  let audiences: string[];
  if (aud === undefined) audiences = [];
  else if (typeof aud === 'string') audiences = [aud];
  else if (Array.isArray(aud) && aud.every((a): a is string => typeof a === 'string')) audiences = aud;
  else return { ok: false, reason: 'Jwt payload [aud] field is not a string or string list' };
  const exp = timeClaim(payload['exp']);
  if (exp === null) return { ok: false, reason: 'Jwt payload [exp] field is not an integer' };
  const nbf = timeClaim(payload['nbf']);
  if (nbf === null) return { ok: false, reason: 'Jwt payload [nbf] field is not an integer' };
  if (decodeSegment(signaturePart) === null) {
    return { ok: false, reason: 'Jwt signature is an invalid Base64url encoded' };
  }
  const signature: SignatureKind =
    signaturePart === SIMULATED_VALID_SIGNATURE
      ? 'simulated-valid'
      : signaturePart === SIMULATED_INVALID_SIGNATURE
        ? 'simulated-invalid'
        : 'real';
  return {
    ok: true,
    jwt: {
      alg,
      kid: kid ?? '',
      iss: iss ?? '',
      sub: sub ?? '',
      audiences,
      exp,
      nbf,
      payload,
      signature,
    },
  };
}
