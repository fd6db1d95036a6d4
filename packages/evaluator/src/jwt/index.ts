/**
 * Request authentication (JWT), docs/semantics.md §C: rendering and placing probe tokens, verifying real
 * JWTs against JWKS once per evaluation (async), and deciding jwt_authn per request (sync).
 */
export { renderToken, SIMULATED_VALID_SIGNATURE, SIMULATED_INVALID_SIGNATURE } from './token';
export { placeTokens, type TokenPlacement } from './locations';
export type { JwtProvider } from './provider';
export { listedJwks, prepareJwt, type JwtContext } from './jwks';
export { authenticate, CLOCK_SKEW_SECONDS, type JwtOutcome } from './authenticate';
