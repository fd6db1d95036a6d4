// prof.tmp.ts
import { readFileSync } from "node:fs";

// packages/evaluator/src/limits.ts
var WORKSPACE_SIZE_LIMIT = 5 * 1024 * 1024;
var MAX_ALIAS_COUNT = 100;
var MAX_NESTING = 64;

// packages/evaluator/src/jwt/token.ts
import { base64url } from "jose";
var SIMULATED_VALID_SIGNATURE = "simulated-valid";
var SIMULATED_INVALID_SIGNATURE = "simulated-forged";
var SIMULATED_HEADER = { alg: "RS256", typ: "JWT", kid: "playground-simulated" };
var SUPPORTED_ALGS = /* @__PURE__ */ new Set([
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "HS256",
  "HS384",
  "HS512",
  "EdDSA"
]);
function renderToken(spec) {
  if (typeof spec.jwt === "string") return spec.jwt;
  if (typeof spec.raw === "string") return spec.raw;
  const header = base64url.encode(JSON.stringify(SIMULATED_HEADER));
  const payload = base64url.encode(JSON.stringify(spec.claims ?? {}));
  const signature = spec.signature === "invalid" ? SIMULATED_INVALID_SIGNATURE : SIMULATED_VALID_SIGNATURE;
  return `${header}.${payload}.${signature}`;
}
var BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
function decodeSegment(segment) {
  if (!BASE64URL.test(segment)) return null;
  const bare = segment.replace(/=+$/, "");
  if (bare.length % 4 === 1) return null;
  try {
    return base64url.decode(bare);
  } catch {
    return null;
  }
}
function decodeJsonObject(segment) {
  const bytes = decodeSegment(segment);
  if (bytes === null) return "bad-base64";
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (value === null || typeof value !== "object" || Array.isArray(value)) return "bad-json";
    return value;
  } catch {
    return "bad-json";
  }
}
function timeClaim(value) {
  if (value === void 0) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
  return Math.floor(value);
}
function parseJwt(token) {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return {
      ok: false,
      reason: "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections"
    };
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJsonObject(headerPart);
  if (header === "bad-base64") return { ok: false, reason: "Jwt header is an invalid Base64url encoded" };
  if (header === "bad-json") return { ok: false, reason: "Jwt header is an invalid JSON" };
  const alg = header["alg"];
  if (typeof alg !== "string") {
    return { ok: false, reason: "Jwt header [alg] field is required and must be a string" };
  }
  if (!SUPPORTED_ALGS.has(alg)) return { ok: false, reason: `Jwt header [alg] ${alg} is not supported` };
  const kid = header["kid"];
  if (kid !== void 0 && typeof kid !== "string") {
    return { ok: false, reason: "Jwt header [kid] field is not a string" };
  }
  const payload = decodeJsonObject(payloadPart);
  if (payload === "bad-base64") return { ok: false, reason: "Jwt payload is an invalid Base64url encoded" };
  if (payload === "bad-json") return { ok: false, reason: "Jwt payload is an invalid JSON" };
  const iss = payload["iss"];
  if (iss !== void 0 && typeof iss !== "string") {
    return { ok: false, reason: "Jwt payload [iss] field is not a string" };
  }
  const sub = payload["sub"];
  if (sub !== void 0 && typeof sub !== "string") {
    return { ok: false, reason: "Jwt payload [sub] field is not a string" };
  }
  const aud = payload["aud"];
  let audiences;
  if (aud === void 0) audiences = [];
  else if (typeof aud === "string") audiences = [aud];
  else if (Array.isArray(aud) && aud.every((a) => typeof a === "string")) audiences = aud;
  else return { ok: false, reason: "Jwt payload [aud] field is not a string or string list" };
  const exp = timeClaim(payload["exp"]);
  if (exp === null) return { ok: false, reason: "Jwt payload [exp] field is not an integer" };
  const nbf = timeClaim(payload["nbf"]);
  if (nbf === null) return { ok: false, reason: "Jwt payload [nbf] field is not an integer" };
  if (decodeSegment(signaturePart) === null) {
    return { ok: false, reason: "Jwt signature is an invalid Base64url encoded" };
  }
  const signature = signaturePart === SIMULATED_VALID_SIGNATURE ? "simulated-valid" : signaturePart === SIMULATED_INVALID_SIGNATURE ? "simulated-invalid" : "real";
  return {
    ok: true,
    jwt: {
      alg,
      kid: kid ?? "",
      iss: iss ?? "",
      sub: sub ?? "",
      audiences,
      exp,
      nbf,
      payload,
      signature
    }
  };
}

// packages/evaluator/src/source.ts
function sourceField(source) {
  return source === void 0 ? {} : { source };
}

// packages/evaluator/src/read.ts
function isDict(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function own(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : void 0;
}
function ownKeys(obj) {
  return Object.keys(obj);
}
function formatPath(path) {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}
function describeType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}
function dottedPath(path) {
  return path.join(".");
}
var KUBECTL_READING = {
  unknownField: "refuse",
  rejectOnError: true,
  messages: "kubectl",
  coerceScalars: false
};
function playgroundReading(label) {
  return { label, unknownField: "ignore", rejectOnError: false, messages: "plain", coerceScalars: true };
}
var Reader = class {
  constructor(doc, kind, options = KUBECTL_READING) {
    this.doc = doc;
    this.options = options;
    this.resource = { kind, name: "", namespace: "default", document: doc.index };
  }
  doc;
  options;
  diagnostics = [];
  /** true once any error was reported and `rejectOnError` is set: a cluster would refuse the object. */
  rejected = false;
  resource;
  /** `AuthorizationPolicy foo/deny-all` (or the fixed label), the prefix of every message. */
  get label() {
    if (this.options.label !== void 0) return this.options.label;
    const name = this.resource.name === "" ? "(unnamed)" : this.resource.name;
    return `${this.resource.kind} ${this.resource.namespace}/${name}`;
  }
  /** `path` spelt as this reader's messages spell paths. */
  path(path) {
    return this.options.messages === "kubectl" ? formatPath(path) : dottedPath(path);
  }
  range(path, opts = {}) {
    const full = [...this.doc.basePath, ...path];
    return opts.key ? this.doc.keyRangeOf(full) : this.doc.rangeOf(full);
  }
  report(severity, code, path, message, opts = {}) {
    if (severity === "error" && this.options.rejectOnError) this.rejected = true;
    let range;
    try {
      range = this.range(path, opts);
    } catch {
      range = null;
    }
    const diagnostic = {
      code,
      severity,
      message: `${this.label}: ${message}`,
      document: this.doc.index,
      range,
      ...sourceField(this.doc.source)
    };
    if (this.options.label === void 0) diagnostic.resource = { ...this.resource };
    this.diagnostics.push(diagnostic);
  }
  error(code, path, message, opts) {
    this.report("error", code, path, message, opts);
  }
  warning(code, path, message, opts) {
    this.report("warning", code, path, message, opts);
  }
  /** Reports every key of `obj` that the schema at `path` does not know (`schema.unknown-field`). */
  fields(obj, path, allowed) {
    for (const key of ownKeys(obj)) {
      if (allowed.includes(key)) continue;
      const where = this.path([...path, key]);
      if (this.options.unknownField === "ignore") {
        this.warning("schema.unknown-field", [...path, key], `unknown field "${where}" is ignored`, {
          key: true
        });
        continue;
      }
      const hint = suggest(key, allowed);
      this.error(
        "schema.unknown-field",
        [...path, key],
        `unknown field "${where}"${hint ? ` (did you mean "${hint}"?)` : ""}; kubectl's strict field validation refuses the object`,
        { key: true }
      );
    }
  }
  typeError(path, expected, value) {
    this.error(
      "schema.type",
      path,
      this.options.messages === "kubectl" ? `${formatPath(path)} must be ${expected}, found ${describeType(value)}; the API server refuses the object` : `${dottedPath(path)} must be ${expected}`
    );
  }
  /** `value` as text: a string, or with `coerceScalars` a number (and, if `booleans`, a boolean). */
  text(value, booleans) {
    if (typeof value === "string") return value;
    if (!this.options.coerceScalars) return void 0;
    if (typeof value === "number" || booleans && typeof value === "boolean") return String(value);
    return void 0;
  }
  /** Present and not null (the API server prunes nulls of non-nullable fields). */
  present(obj, key) {
    const v = own(obj, key);
    return v !== void 0 && v !== null;
  }
  object(obj, key, path) {
    const v = own(obj, key);
    if (v === void 0 || v === null) return void 0;
    if (!isDict(v)) {
      this.typeError([...path, key], "a map", v);
      return void 0;
    }
    return v;
  }
  list(obj, key, path) {
    const v = own(obj, key);
    if (v === void 0 || v === null) return void 0;
    if (!Array.isArray(v)) {
      this.typeError([...path, key], "a list", v);
      return void 0;
    }
    return v;
  }
  string(obj, key, path) {
    const v = own(obj, key);
    if (v === void 0 || v === null) return void 0;
    const text = this.text(v, true);
    if (text === void 0) this.typeError([...path, key], "a string", v);
    return text;
  }
  /** A required non-empty string (`schema.required` when absent or empty). */
  requiredString(obj, key, path, code = "schema.required") {
    const present = this.present(obj, key);
    const v = this.string(obj, key, path);
    if (present && v === void 0) return "";
    if (v === void 0 || v === "") {
      this.error(
        code,
        present ? [...path, key] : path,
        `${formatPath([...path, key])} is required and must not be empty`,
        {
          key: !present && path.length > 0
        }
      );
      return "";
    }
    return v;
  }
  /** An integer, within `bounds` when given (one `schema.type` error for a wrong type or range). */
  integer(obj, key, path, bounds) {
    const v = own(obj, key);
    if (v === void 0 || v === null) return void 0;
    const n = this.options.coerceScalars && typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    const ok = typeof n === "number" && Number.isInteger(n) && (bounds === void 0 || n >= bounds.min && n <= bounds.max);
    if (!ok) {
      const expected = bounds ? `an integer from ${bounds.min} to ${bounds.max}` : "an integer";
      this.typeError([...path, key], expected, v);
      return void 0;
    }
    return n;
  }
  boolean(obj, key, path) {
    const v = own(obj, key);
    if (v === void 0 || v === null) return void 0;
    if (typeof v !== "boolean") {
      this.typeError([...path, key], this.options.messages === "kubectl" ? "a boolean" : "true or false", v);
      return void 0;
    }
    return v;
  }
  /** A list of strings; non-string items are reported and skipped. */
  stringList(obj, key, path) {
    const items = this.list(obj, key, path);
    if (items === void 0) return void 0;
    const out = [];
    items.forEach((item, i) => {
      const text = this.text(item, false);
      if (text !== void 0) out.push(text);
      else this.typeError([...path, key, i], "a string", item);
    });
    return out;
  }
  /** A map of strings (labels, annotations, matchLabels). */
  stringMap(obj, key, path) {
    const m = this.object(obj, key, path);
    if (m === void 0) return void 0;
    const out = emptyMap();
    for (const k of ownKeys(m)) {
      const v = m[k];
      const text = this.text(v, true);
      if (text !== void 0) defineOwn(out, k, text);
      else this.typeError([...path, key, k], "a string", v);
    }
    return out;
  }
  /** A string restricted to `values` (`schema.enum`, kubectl's "Unsupported value"). */
  enumString(obj, key, path, values) {
    const v = this.string(obj, key, path);
    if (v === void 0) return void 0;
    if (values.includes(v)) return v;
    this.error(
      "schema.enum",
      [...path, key],
      `Unsupported value "${v}" for ${formatPath([...path, key])}: supported values are ${values.map((x) => `"${x}"`).join(", ")}`
    );
    return void 0;
  }
  /** `value` as a map, or undefined with a `schema.type` error at `path`. */
  dict(value, path) {
    if (isDict(value)) return value;
    this.typeError(path, "a map", value);
    return void 0;
  }
  /** Items of a list that are maps; other items are reported. Yields [item, index]. */
  dictItems(items, path) {
    const out = [];
    items.forEach((item, i) => {
      const dict = this.dict(item, [...path, i]);
      if (dict !== void 0) out.push([dict, i]);
    });
    return out;
  }
  /** Calls `read` for each map in the list at `key`, with its path; other items are reported. */
  each(obj, key, path, read) {
    const items = this.list(obj, key, path);
    items?.forEach((item, i) => {
      const itemPath = [...path, key, i];
      const dict = this.dict(item, itemPath);
      if (dict !== void 0) read(dict, itemPath);
    });
  }
};
function emptyMap() {
  return /* @__PURE__ */ Object.create(null);
}
function copyMap(source) {
  const out = emptyMap();
  if (source) for (const key of Object.keys(source)) out[key] = source[key];
  return out;
}
function getOwn(map, key) {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : void 0;
}
function defineOwn(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
function suggest(key, allowed) {
  const norm = (s) => s.toLowerCase().replace(/_/g, "");
  return allowed.find(
    (a) => norm(a) === norm(key) || norm(a) === `${norm(key)}s` || `${norm(a)}s` === norm(key)
  );
}

// packages/evaluator/src/jwt/locations.ts
function parseIn(where) {
  const text = (where ?? "").trim();
  if (text.startsWith("query:")) return { kind: "query", name: text.slice(6) };
  if (text.startsWith("cookie:")) return { kind: "cookie", name: text.slice(7) };
  const name = (text.startsWith("header:") ? text.slice(7) : text).trim().toLowerCase();
  return { kind: "header", name: name === "" ? "authorization" : name };
}
function appendQuery(path, name, value) {
  const hash = path.indexOf("#");
  const base = hash === -1 ? path : path.slice(0, hash);
  const fragment = hash === -1 ? "" : path.slice(hash);
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  let sep = "?";
  if (base.includes("?")) sep = base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${sep}${pair}${fragment}`;
}
function placeTokens(request, uses) {
  const headers = copyMap(request.headers);
  let path = request.path;
  for (const use of uses) {
    const location = parseIn(use.in);
    if (location.kind === "query") {
      path = appendQuery(path, location.name, use.value);
    } else if (location.kind === "cookie") {
      const cookie = `${location.name}=${use.value}`;
      const existing = headers["cookie"];
      headers["cookie"] = existing === void 0 || existing === "" ? cookie : `${existing}; ${cookie}`;
    } else {
      const prefix = use.prefix ?? (location.name === "authorization" ? "Bearer " : "");
      const value = `${prefix}${use.value}`;
      const existing = getOwn(headers, location.name);
      headers[location.name] = existing === void 0 ? value : `${existing},${value}`;
    }
  }
  return { headers, path };
}
var JWT_CHARS = /[A-Za-z0-9_.-]/;
function extractAfterPrefix(value, after) {
  let start = after;
  while (start < value.length && !JWT_CHARS.test(value.charAt(start))) start++;
  if (start >= value.length) return value;
  let end = start;
  while (end < value.length && JWT_CHARS.test(value.charAt(end))) end++;
  return value.slice(start, end);
}
function percentDecode(text) {
  return text.replace(/%([0-9A-Fa-f]{2})+/g, (run2) => {
    try {
      return decodeURIComponent(run2);
    } catch {
      return run2;
    }
  });
}
function queryParams(path) {
  const params = /* @__PURE__ */ new Map();
  const hash = path.indexOf("#");
  const target = hash === -1 ? path : path.slice(0, hash);
  const q = target.indexOf("?");
  if (q === -1) return params;
  for (const part of target.slice(q + 1).split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = percentDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : percentDecode(part.slice(eq + 1));
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}
function parseCookies(header) {
  const cookies = /* @__PURE__ */ new Map();
  if (header === void 0) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== "" && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}
function locationsOf(rule) {
  if (rule.fromHeaders.length === 0 && rule.fromParams.length === 0 && rule.fromCookies.length === 0) {
    return { headers: [{ name: "authorization", prefix: "Bearer " }], params: ["access_token"], cookies: [] };
  }
  const byKey = /* @__PURE__ */ new Map();
  for (const h of rule.fromHeaders) {
    const name = h.name.toLowerCase();
    const prefix = h.prefix ?? "";
    byKey.set(name + prefix, { name, prefix });
  }
  const headers = [...byKey.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, h]) => h);
  const params = [...new Set(rule.fromParams)].sort();
  const cookies = [...new Set(rule.fromCookies)].sort();
  return { headers, params, cookies };
}
function extractTokens(locations, headers, path) {
  const tokens = [];
  for (const { name, prefix } of locations.headers) {
    const value = headers.get(name);
    if (value === void 0) continue;
    if (prefix === "") {
      tokens.push({ token: value, in: `header:${name}`, header: name });
      continue;
    }
    const pos = value.indexOf(prefix);
    if (pos === -1) continue;
    tokens.push({
      token: extractAfterPrefix(value, pos + prefix.length),
      in: `header:${name}`,
      header: name
    });
  }
  if (locations.params.length > 0) {
    const params = queryParams(path);
    for (const name of locations.params) {
      const value = params.get(name);
      if (value !== void 0) tokens.push({ token: value, in: `query:${name}`, header: null });
    }
  }
  if (locations.cookies.length > 0) {
    const cookies = parseCookies(headers.get("cookie"));
    for (const name of locations.cookies) {
      const value = cookies.get(name);
      if (value !== void 0) tokens.push({ token: value, in: `cookie:${name}`, header: null });
    }
  }
  return tokens;
}

// packages/evaluator/src/jwt/jwks.ts
import { compactVerify, importJWK } from "jose";
function sourceKeyOf(rule) {
  if (rule.jwks !== null && rule.jwks !== "") return `inline:${rule.jwks}`;
  if (rule.jwksUri !== null && rule.jwksUri !== "") return `uri:${rule.jwksUri}`;
  return `issuer:${rule.issuer}`;
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function keysOf(set) {
  if (!isRecord(set) || !Array.isArray(set["keys"])) return [];
  return set["keys"].filter(isRecord);
}
function resolveSource(rule, listed) {
  if (rule.jwks !== null && rule.jwks !== "") {
    let parsed;
    try {
      parsed = JSON.parse(rule.jwks);
    } catch {
      return { kind: "no-valid-keys", label: "the inline jwks (not valid JSON)" };
    }
    const keys2 = keysOf(parsed);
    return keys2.length === 0 ? { kind: "no-valid-keys", label: "the inline jwks" } : { kind: "keys", label: "the inline jwks", keys: keys2 };
  }
  const uri = rule.jwksUri !== null && rule.jwksUri !== "" ? rule.jwksUri : null;
  if (uri === null) return { kind: "simulated", label: `the OpenID discovery of ${rule.issuer}` };
  const spec = listed.get(uri);
  if (spec === void 0) return { kind: "simulated", label: uri };
  if (spec.unavailable === true) return { kind: "unavailable", label: uri };
  const keys = keysOf(spec);
  return keys.length === 0 ? { kind: "no-valid-keys", label: uri } : { kind: "keys", label: uri, keys };
}
function keyFits(alg, jwk) {
  const kty = jwk["kty"];
  if (alg.startsWith("RS") || alg.startsWith("PS")) return kty === "RSA";
  if (alg.startsWith("HS")) return kty === "oct";
  if (alg === "EdDSA") return kty === "OKP";
  const curves = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };
  return kty === "EC" && (jwk["crv"] === void 0 || jwk["crv"] === curves[alg]);
}
async function verifyAgainst(token, keys) {
  const parsed = parseJwt(token);
  if (!parsed.ok) return "verification-fails";
  const { alg, kid } = parsed.jwt;
  let matched = false;
  for (const jwk of keys) {
    const keyKid = typeof jwk["kid"] === "string" ? jwk["kid"] : "";
    if (kid !== "" && keyKid !== "" && keyKid !== kid) continue;
    if (typeof jwk["alg"] === "string" && jwk["alg"] !== alg) continue;
    if (!keyFits(alg, jwk)) continue;
    let key;
    try {
      key = await importJWK(jwk, alg);
    } catch {
      continue;
    }
    matched = true;
    try {
      await compactVerify(token, key);
      return "ok";
    } catch {
    }
  }
  return matched ? "verification-fails" : "no-matching-key";
}
async function prepareJwt(tokens, providers, jwks) {
  const listed = /* @__PURE__ */ new Map();
  for (const [uri, spec] of Object.entries(jwks ?? {})) {
    if (isRecord(spec)) listed.set(uri, spec);
  }
  const ctx = { listed, verdicts: /* @__PURE__ */ new Map() };
  const real = [...new Set(tokens)].filter((t2) => {
    const parsed = parseJwt(t2);
    return parsed.ok && parsed.jwt.signature === "real";
  });
  if (real.length === 0) return ctx;
  for (const { rule } of providers) {
    try {
      const key = sourceKeyOf(rule);
      if (ctx.verdicts.has(key)) continue;
      const source = resolveSource(rule, listed);
      if (source.kind !== "keys") continue;
      const verdicts = /* @__PURE__ */ new Map();
      for (const token of real) {
        try {
          verdicts.set(token, await verifyAgainst(token, source.keys));
        } catch {
          verdicts.set(token, "verification-fails");
        }
      }
      ctx.verdicts.set(key, verdicts);
    } catch {
    }
  }
  return ctx;
}

// packages/evaluator/src/jwt/claims.ts
var DEFAULT_SPACE_DELIMITED = ["scope", "permission"];
function normalizePayload(payload, spaceDelimitedClaims) {
  const out = { ...payload };
  for (const claim of /* @__PURE__ */ new Set([...DEFAULT_SPACE_DELIMITED, ...spaceDelimitedClaims])) {
    const value = out[claim];
    if (typeof value === "string") out[claim] = value.split(" ").filter((w) => w !== "");
  }
  return out;
}
function requestPrincipalOf(payload) {
  if (payload === null) return null;
  const iss = payload["iss"];
  const sub = payload["sub"];
  if (typeof iss !== "string" || iss === "" || typeof sub !== "string" || sub === "") return null;
  return `${iss}/${sub}`;
}

// packages/evaluator/src/jwt/provider.ts
function sortProviders(providers) {
  return providers.map((p, i) => ({ p, i })).sort((a, b) => {
    const x = a.p.rule.issuer;
    const y = b.p.rule.issuer;
    return x < y ? -1 : x > y ? 1 : a.i - b.i;
  }).map(({ p }) => p);
}

// packages/evaluator/src/jwt/authenticate.ts
var CLOCK_SKEW_SECONDS = 60;
function buildRequirement(providers) {
  const single = (p) => ({
    kind: "any",
    children: [{ kind: "provider", provider: p }],
    allowMissing: true
  });
  if (providers.length === 1) return single(providers[0]);
  return {
    kind: "any",
    allowMissing: false,
    children: [
      ...providers.map((p) => ({ kind: "provider", provider: p })),
      { kind: "all", children: providers.map(single) }
    ]
  };
}
function formatTime(seconds) {
  const ms = seconds * 1e3;
  if (!Number.isFinite(ms) || Math.abs(ms) > 864e13) return String(seconds);
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
function describeLocations(l) {
  const parts = [
    ...l.headers.map((h) => `header ${h.name}${h.prefix === "" ? "" : ` (prefix "${h.prefix}")`}`),
    ...l.params.map((p) => `query parameter ${p}`),
    ...l.cookies.map((c) => `cookie ${c}`)
  ];
  return parts.join(", ");
}
function providerName(p) {
  return `${p.ra.meta.namespace}/${p.ra.meta.name} jwtRules[${p.rule.index}] (issuer ${p.rule.issuer})`;
}
function sourceOf(p, st) {
  const key = sourceKeyOf(p.rule);
  let source = st.sources.get(key);
  if (source === void 0) {
    source = resolveSource(p.rule, st.ctx.listed);
    st.sources.set(key, source);
  }
  return source;
}
function checkKey(jwt, token, p, st) {
  const source = sourceOf(p, st);
  switch (source.kind) {
    case "unavailable":
      return `Jwks remote fetch is failed (${source.label} is unavailable, so no token can verify)`;
    case "no-valid-keys":
      return `Jwks doesn't have valid keys (${source.label} has no usable key)`;
    case "simulated":
      if (jwt.signature === "simulated-valid") return null;
      if (jwt.signature === "simulated-invalid") {
        return "Jwt verification fails (the simulated token is marked signature: invalid)";
      }
      return `Jwks doesn't have key to match kid or alg from Jwt (${source.label} is not listed in the Probes jwks map, so it serves only the key of simulated tokens, not the one that signed this JWT)`;
    case "keys": {
      if (jwt.signature !== "real") {
        return `Jwks doesn't have key to match kid or alg from Jwt (a simulated token; ${source.label} serves only its listed keys)`;
      }
      const verdict = st.ctx.verdicts.get(sourceKeyOf(p.rule))?.get(token);
      if (verdict === "ok") return null;
      if (verdict === "no-matching-key") {
        return `Jwks doesn't have key to match kid or alg from Jwt (no key of ${source.label} fits kid "${jwt.kid}" / alg ${jwt.alg})`;
      }
      if (verdict === "verification-fails") {
        return `Jwt verification fails (the signature does not verify with any key of ${source.label})`;
      }
      return "Jwt verification fails (this token was not verified in advance by prepareJwt)";
    }
  }
}
function sanitizeAudience(aud) {
  let a = aud;
  if (a.startsWith("http://")) a = a.slice(7);
  else if (a.startsWith("https://")) a = a.slice(8);
  if (a.endsWith("/")) a = a.slice(0, -1);
  return a;
}
function audienceAllowed(configured, audiences) {
  if (configured.length === 0) return true;
  const allowed = new Set(configured.map(sanitizeAudience));
  return audiences.some((a) => allowed.has(sanitizeAudience(a)));
}
function runProvider(p, st) {
  const locations = locationsOf(p.rule);
  const tokens = extractTokens(locations, st.headers, st.path);
  const fail = (status, message) => ({
    status,
    message,
    provider: p,
    accepted: []
  });
  if (tokens.length === 0) {
    return fail("JwtMissed", `Jwt is missing (no token at ${describeLocations(locations)})`);
  }
  const accepted = [];
  for (let t2 = tokens.pop(); t2 !== void 0; t2 = tokens.pop()) {
    const parsed = parseJwt(t2.token);
    if (!parsed.ok) return fail("Failed", `${parsed.reason} (token in ${t2.in})`);
    const jwt = parsed.jwt;
    if (p.rule.issuer !== "" && jwt.iss !== p.rule.issuer) {
      return fail(
        "JwtUnknownIssuer",
        `Jwt issuer is not configured (token in ${t2.in} has iss "${jwt.iss}"; no provider reading there has that issuer)`
      );
    }
    if (st.now + CLOCK_SKEW_SECONDS < jwt.nbf) {
      return fail(
        "Failed",
        `Jwt not yet valid (nbf ${formatTime(jwt.nbf)} is more than ${CLOCK_SKEW_SECONDS} s after now ${formatTime(st.now)})`
      );
    }
    if (jwt.exp !== 0 && st.now > jwt.exp + CLOCK_SKEW_SECONDS) {
      return fail(
        "Failed",
        `Jwt is expired (exp ${formatTime(jwt.exp)} is more than ${CLOCK_SKEW_SECONDS} s before now ${formatTime(st.now)})`
      );
    }
    if (!audienceAllowed(p.rule.audiences, jwt.audiences)) {
      const got = jwt.audiences.length === 0 ? "none" : jwt.audiences.join(", ");
      return fail(
        "JwtAudienceNotAllowed",
        `Audiences in Jwt are not allowed (token aud: ${got}; allowed: ${p.rule.audiences.join(", ")})`
      );
    }
    const keyFailure = checkKey(jwt, t2.token, p, st);
    if (keyFailure !== null) return fail("Failed", keyFailure);
    accepted.push({
      provider: p,
      payload: normalizePayload(jwt.payload, p.rule.spaceDelimitedClaims),
      in: t2.in
    });
    if (!p.rule.forwardOriginalToken && t2.header !== null) {
      st.headers.delete(t2.header);
      if (!st.stripped.includes(t2.in)) st.stripped.push(t2.in);
    }
  }
  return { status: "Ok", message: "", provider: p, accepted };
}
function run(req, st) {
  switch (req.kind) {
    case "provider":
      return runProvider(req.provider, st);
    case "all": {
      const accepted = [];
      for (const child of req.children) {
        const c = run(child, st);
        if (c.status !== "Ok") return c;
        accepted.push(...c.accepted);
      }
      return { status: "Ok", message: "", provider: accepted[0]?.provider ?? null, accepted };
    }
    case "any": {
      const done = [];
      for (const child of req.children) {
        const c = run(child, st);
        if (c.status === "Ok") return c;
        done.push(c);
      }
      let final = null;
      for (const c of done) {
        const weak = c.status === "JwtMissed" || c.status === "JwtUnknownIssuer";
        if (final === null || !weak || final.status === "JwtMissed") final = c;
      }
      if (final === null || req.allowMissing && final.status === "JwtMissed") {
        return { status: "Ok", message: "", provider: null, accepted: [] };
      }
      return final;
    }
  }
}
function headerMap(headers) {
  const map = /* @__PURE__ */ new Map();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") continue;
    const key = name.toLowerCase();
    const existing = map.get(key);
    map.set(key, existing === void 0 ? value : `${existing},${value}`);
  }
  return map;
}
function isCorsPreflight(method, headers) {
  return method.toUpperCase() === "OPTIONS" && (headers.get("origin") ?? "") !== "" && (headers.get("access-control-request-method") ?? "") !== "";
}
var PASS_BASE = { payload: null, requestPrincipal: null, provider: null, stripped: [] };
function authenticate(providers, request, ctx, nowSeconds) {
  try {
    if (providers.length === 0) {
      return { ...PASS_BASE, stripped: [], result: "pass", message: "No RequestAuthentication applies" };
    }
    const headers = headerMap(request.headers);
    if (isCorsPreflight(request.method, headers)) {
      return {
        ...PASS_BASE,
        stripped: [],
        result: "pass",
        message: "CORS preflight request (OPTIONS with Origin and Access-Control-Request-Method) bypasses JWT"
      };
    }
    const st = {
      headers,
      path: request.path,
      now: Math.floor(nowSeconds),
      ctx,
      sources: /* @__PURE__ */ new Map(),
      stripped: []
    };
    const c = run(buildRequirement(sortProviders(providers)), st);
    if (c.status === "Ok") {
      const first = c.accepted[0];
      if (first === void 0) {
        return {
          ...PASS_BASE,
          stripped: [],
          result: "pass",
          message: "No token at any configured location: passes JWT without a request principal"
        };
      }
      const principal = requestPrincipalOf(first.payload);
      return {
        result: "pass",
        payload: first.payload,
        requestPrincipal: principal,
        provider: first.provider,
        message: `Jwt in ${first.in} accepted by ${providerName(first.provider)}` + (principal === null ? "; it has no sub, so there is no request principal" : `; request principal ${principal}`),
        stripped: st.stripped.map((s) => ({ in: s }))
      };
    }
    const provider = c.status === "JwtUnknownIssuer" ? null : c.provider;
    return {
      result: c.status === "JwtAudienceNotAllowed" ? "audience-rejected" : "unauthenticated",
      payload: null,
      requestPrincipal: null,
      provider,
      message: provider === null ? c.message : `${c.message}: ${providerName(provider)}`,
      stripped: []
    };
  } catch (error) {
    return {
      ...PASS_BASE,
      stripped: [],
      result: "unauthenticated",
      message: `Internal error while checking the JWT: ${error instanceof Error ? error.message : String(error)}`
    };
  }
}

// packages/evaluator/src/mesh.ts
var PROTOCOL_NAMES = {
  http: "HTTP",
  http2: "HTTP2",
  grpc: "GRPC",
  "grpc-web": "GRPC-Web",
  https: "HTTPS",
  tcp: "TCP",
  tls: "TLS",
  mongo: "Mongo",
  redis: "Redis",
  mysql: "MySQL",
  udp: "UDP"
};
var APP_PROTOCOL_ALIASES = {
  "kubernetes.io/h2c": "HTTP2",
  "kubernetes.io/ws": "HTTP",
  "kubernetes.io/wss": "HTTPS"
};
var L4_PROTOCOLS = /* @__PURE__ */ new Set(["tcp", "udp", "sctp"]);
var SERVER_FIRST_PORTS = /* @__PURE__ */ new Set([25, 53, 3306, 27017]);
function parseProtocol(value) {
  return PROTOCOL_NAMES[value.toLowerCase()] ?? null;
}
function deriveProtocol(port) {
  if (port.protocol?.toLowerCase() === "udp")
    return { protocol: "UDP", source: `protocol "${port.protocol}"` };
  if (port.protocol && !port.appProtocol && !L4_PROTOCOLS.has(port.protocol.toLowerCase())) {
    const p = parseProtocol(port.protocol);
    if (p) return { protocol: p, source: `protocol "${port.protocol}"` };
  }
  const field = port.appProtocol ? "appProtocol" : "port name";
  const value = port.appProtocol || port.name;
  if (value) {
    const lower = value.toLowerCase();
    const p = APP_PROTOCOL_ALIASES[lower] ?? (lower.startsWith("grpc-web") ? "GRPC-Web" : PROTOCOL_NAMES[lower.split("-")[0] ?? lower] ?? null);
    if (p) return { protocol: p, source: `${field} "${value}"` };
  }
  if (SERVER_FIRST_PORTS.has(port.port)) {
    return {
      protocol: "TCP",
      source: `port ${port.port} defaults to TCP when its ${field} names no protocol`
    };
  }
  return { protocol: "UNKNOWN", source: value ? `${field} "${value}" names no protocol` : "unnamed port" };
}
function isHttpProtocol(protocol) {
  return protocol === "HTTP" || protocol === "HTTP2" || protocol === "GRPC" || protocol === "GRPC-Web";
}
function fnv1a(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function assignIp(key, taken) {
  let h = fnv1a(key);
  for (; ; ) {
    const ip = `10.${h >>> 16 & 255}.${h >>> 8 & 255}.${2 + (h & 255) % 252}`;
    if (!taken.has(ip)) return ip;
    h = fnv1a(`${h}`);
  }
}
function buildWorkload(spec, trustDomain, ip) {
  const serviceAccount = spec.serviceAccount ?? "default";
  const ports = (spec.ports ?? []).map((p) => {
    const derived = deriveProtocol(p);
    return {
      name: p.name ?? "",
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: derived.protocol,
      protocolSource: derived.source
    };
  });
  return {
    key: `${spec.namespace}/${spec.name}`,
    name: spec.name,
    namespace: spec.namespace,
    labels: copyMap(spec.labels),
    serviceAccount,
    sidecar: spec.sidecar ?? true,
    gateway: spec.gateway ?? false,
    service: spec.service ?? spec.name,
    ip,
    ports,
    listens: spec.listens ?? [],
    principal: `${trustDomain}/ns/${spec.namespace}/sa/${serviceAccount}`,
    trustDomain,
    uri: `spiffe://${trustDomain}/ns/${spec.namespace}/sa/${serviceAccount}`
  };
}
function buildMesh(spec) {
  const trustDomain = spec.trustDomain ?? "cluster.local";
  const namespaces = /* @__PURE__ */ new Map();
  for (const ns of spec.namespaces ?? []) namespaces.set(ns.name, copyMap(ns.labels));
  const taken = new Set((spec.workloads ?? []).flatMap((w) => w.ip ? [w.ip] : []));
  const workloads = [];
  for (const w of spec.workloads ?? []) {
    const ip = w.ip ?? assignIp(`${w.namespace}/${w.name}`, taken);
    taken.add(ip);
    workloads.push(buildWorkload(w, trustDomain, ip));
    if (!namespaces.has(w.namespace)) namespaces.set(w.namespace, {});
  }
  const byKey = new Map(workloads.map((w) => [w.key, w]));
  const services = /* @__PURE__ */ new Map();
  for (const w of workloads) {
    const key = `${w.service}.${w.namespace}`;
    const list = services.get(key);
    if (list) list.push(w);
    else services.set(key, [w]);
  }
  return {
    rootNamespace: spec.rootNamespace ?? "istio-system",
    trustDomain,
    trustDomainAliases: spec.trustDomainAliases ?? [],
    enableAutoMtls: spec.enableAutoMtls ?? true,
    numTrustedProxies: spec.numTrustedProxies ?? 0,
    extensionProviders: spec.extensionProviders ?? [],
    namespaces,
    workloads,
    byKey,
    services
  };
}
function selects(selector, labels) {
  for (const key of Object.keys(selector)) {
    if (getOwn(labels, key) !== selector[key]) return false;
  }
  return true;
}
var CLUSTER_DOMAIN_SUFFIX = ".svc.cluster.local";
function resolveServiceHost(mesh, host, fromNamespace) {
  const bare = host.toLowerCase().replace(/:\d+$/, "");
  const suffix = [CLUSTER_DOMAIN_SUFFIX, `.svc.${mesh.trustDomain}`].find((s) => bare.endsWith(s));
  const trimmed = suffix ? bare.slice(0, -suffix.length) : bare.replace(/\.svc$/, "");
  const parts = trimmed.split(".");
  if (parts.length === 1 && parts[0]) return { service: parts[0], namespace: fromNamespace };
  if (parts.length === 2 && parts[0] && parts[1]) return { service: parts[0], namespace: parts[1] };
  return null;
}

// packages/evaluator/src/pipeline/request.ts
function resolvePort(server, port, address) {
  const chainOf = (p) => {
    if (isHttpProtocol(p.protocol)) return { chain: "http", why: `${p.protocol} (${p.protocolSource})` };
    if (p.protocol === "UNKNOWN")
      return { chain: "http", why: `protocol sniffing (${p.protocolSource}) detects the HTTP request` };
    return { chain: "tcp", why: `${p.protocol} (${p.protocolSource}): the TCP filter chain` };
  };
  if (address === "service") {
    const p = server.ports.find((x) => x.port === port);
    if (!p) return `Service ${server.service}.${server.namespace} has no port ${port}`;
    const c = chainOf(p);
    return {
      servicePort: p.port,
      targetPort: p.targetPort,
      chain: c.chain,
      description: `Service port ${p.port} \u2192 target port ${p.targetPort}: ${c.why}`
    };
  }
  const declared = server.ports.find((x) => x.targetPort === port);
  if (declared) {
    const c = chainOf(declared);
    return {
      servicePort: declared.port,
      targetPort: port,
      chain: c.chain,
      description: `pod port ${port} (declared by Service port ${declared.port}): ${c.why}`
    };
  }
  if (!server.listens.includes(port))
    return `${server.key} does not listen on port ${port} (add it to listens)`;
  const speaksHttp = server.ports.length === 0 || server.ports.some((p) => chainOf(p).chain === "http");
  return {
    servicePort: port,
    targetPort: port,
    chain: speaksHttp ? "http" : "tcp",
    description: `pod port ${port} is in no Service: the inbound passthrough chain, sniffed as ${speaksHttp ? "HTTP" : "TCP"}`
  };
}
function defaultHost(server, port) {
  return `${server.service}.${server.namespace}${port === 80 ? "" : `:${port}`}`;
}
function buildRequest(engine, spec, server) {
  const r = spec.request ?? {};
  const headers = emptyMap();
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const tokens = engine.probesSpec.tokens ?? {};
  const uses = [...r.token ? [{ token: r.token }] : [], ...r.tokens ?? []];
  const problems = [];
  const placed = uses.flatMap((u) => {
    const token = Object.prototype.hasOwnProperty.call(tokens, u.token) ? tokens[u.token] : void 0;
    if (!token) {
      problems.push(`token "${u.token}" is not defined in the Probes document's tokens`);
      return [];
    }
    return [
      {
        value: renderToken(token),
        ...u.in ? { in: u.in } : {},
        ...u.prefix !== void 0 ? { prefix: u.prefix } : {}
      }
    ];
  });
  const withTokens = placeTokens({ headers, path: r.path ?? "/" }, placed);
  return {
    request: {
      method: r.method ?? "GET",
      path: withTokens.path,
      host: r.host ?? defaultHost(server, spec.port),
      headers: withTokens.headers
    },
    problems
  };
}

// packages/evaluator/src/facts.ts
var ref = (meta) => ({
  kind: meta.kind,
  name: meta.name,
  namespace: meta.namespace,
  document: meta.document
});
function workloadFacts(engine) {
  return engine.mesh.workloads.map((w) => {
    const pa = engine.peerAuthentications.forWorkload(w);
    const mode = pa.workload;
    const ports = [.../* @__PURE__ */ new Set([...w.ports.map((p) => p.targetPort), ...w.listens])].map((port) => {
      const m = engine.peerAuthentications.forPort(w, port);
      return {
        port,
        mode: w.sidecar ? m.mode : "NONE",
        origin: w.sidecar ? m.origin : "no-sidecar",
        ...m.policy && w.sidecar ? { resource: ref(m.policy.meta) } : {}
      };
    });
    const paRefs = /* @__PURE__ */ new Map();
    for (const p of [pa.namespace.policy, pa.workload.policy, pa.workloadPolicy]) if (p) paRefs.set(p, true);
    const policies = [
      ...engine.authorization.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...engine.requestAuthentication.forWorkload(w).map((a) => ref(a.policy.meta)),
      ...[...paRefs.keys()].map((p) => ref(p.meta))
    ];
    return {
      key: w.key,
      proxy: w.gateway ? "gateway" : w.sidecar ? "sidecar" : "none",
      principal: w.sidecar || w.gateway ? w.principal : null,
      ip: w.ip,
      peerAuthentication: {
        mode: w.sidecar && !w.gateway ? mode.mode : "NONE",
        origin: w.sidecar && !w.gateway ? mode.origin : "no-sidecar",
        ...mode.policy && w.sidecar ? { resource: ref(mode.policy.meta) } : {},
        ports
      },
      policies
    };
  });
}
function probeDiagnostics(engine) {
  const out = [];
  const doc = engine.probesDocument;
  (engine.probesSpec.probes ?? []).forEach((probe, i) => {
    const path = engine.probePaths[i] ?? [];
    const report = (field, code, message) => out.push({
      code,
      severity: "error",
      message,
      document: doc?.index ?? -1,
      range: doc ? doc.rangeOf([...path, field]) : null,
      ...sourceField(doc?.source)
    });
    if (probe.from !== "external" && !engine.mesh.byKey.has(probe.from)) {
      report(
        "from",
        "probes.unknown-endpoint",
        `probe ${i} ("${probe.name ?? ""}"): source "${probe.from}" is not a workload of the mesh`
      );
    }
    const server = engine.mesh.byKey.get(probe.to);
    if (!server) {
      report(
        "to",
        "probes.unknown-endpoint",
        `probe ${i} ("${probe.name ?? ""}"): destination "${probe.to}" is not a workload of the mesh`
      );
      return;
    }
    if ((probe.address ?? "service") === "service" && !server.ports.some((p) => p.port === probe.port)) {
      report(
        "port",
        "probes.unknown-port",
        `probe ${i}: Service ${server.service}.${server.namespace} has no port ${probe.port}`
      );
    }
    for (const problem of buildRequest(engine, probe, server).problems)
      report("request", "probes.unknown-token", `probe ${i}: ${problem}`);
  });
  return out;
}
function droppedProbes(engine) {
  const doc = engine.probesDocument;
  return engine.droppedProbePaths.map((path) => ({
    index: Number(path[path.length - 1]),
    range: doc ? doc.rangeOf(path) : null,
    ...sourceField(doc?.source)
  }));
}
function documentSummaries(engine) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const d of engine.documents) {
    const key = `${d.source ?? ""}\0${d.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const record = d.value && typeof d.value === "object" && !Array.isArray(d.value) ? d.value : {};
    const meta = record.metadata && typeof record.metadata === "object" ? record.metadata : {};
    out.push({
      index: d.index,
      kind: d.kind,
      apiVersion: d.apiVersion,
      name: typeof meta.name === "string" ? meta.name : null,
      namespace: typeof meta.namespace === "string" ? meta.namespace : null,
      range: d.range,
      ...sourceField(d.source)
    });
  }
  return out;
}

// packages/evaluator/src/parse.ts
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from "yaml";

// packages/evaluator/src/nesting.ts
function tooDeepAt(text) {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 10 && quote === 39) quote = 0;
      else if (c === 92 && quote === 34) i++;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      const nl = text.indexOf("\n", i);
      if (nl === -1) break;
      i = nl;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

// packages/evaluator/src/parse.ts
var ParseCache = class {
  entries = /* @__PURE__ */ new Map();
  generation = /* @__PURE__ */ new Map();
  get(text) {
    const hit = this.entries.get(text);
    if (hit) this.generation.set(text, hit);
    return hit;
  }
  set(text, parse) {
    this.generation.set(text, parse);
  }
  /** Keeps only the entries used since the last sweep, so the cache never outgrows one workspace. */
  sweep() {
    this.entries = this.generation;
    this.generation = /* @__PURE__ */ new Map();
  }
};
var MARKER = /^(---|\.\.\.)(?:[ \t].*)?$/;
var CONTENT_LINE = /^(?!\uFEFF?[ \t]*#)(?!\uFEFF?(?:---|\.\.\.)[ \t]*$)\uFEFF?[ \t]*[^\s\uFEFF]/m;
function splitDocuments(text) {
  const chunks = [];
  let start = 0;
  let startLine = 0;
  const push = (end) => {
    const chunkText = text.slice(start, end);
    if (CONTENT_LINE.test(chunkText)) chunks.push({ offset: start, line: startLine, text: chunkText });
  };
  let offset = 0;
  let line = 0;
  let directives = -1;
  let directivesLine = 0;
  while (offset <= text.length) {
    const nl = text.indexOf("\n", offset);
    const end = nl === -1 ? text.length : nl;
    const first = text.charCodeAt(offset);
    if ((first === 45 || first === 46) && MARKER.test(text.slice(offset, end).replace(/\r$/, ""))) {
      const opens = directives === -1 ? offset : directives;
      push(first === 45 ? opens : offset);
      if (first === 45) {
        start = opens;
        startLine = directives === -1 ? line : directivesLine;
      } else {
        start = end + 1;
        startLine = line + 1;
      }
    }
    if (first === 37) {
      if (directives === -1) {
        directives = offset;
        directivesLine = line;
      }
    } else directives = -1;
    if (nl === -1) break;
    offset = nl + 1;
    line += 1;
  }
  push(text.length);
  return chunks;
}
function parseChunk(text) {
  const deep = tooDeepAt(text);
  if (deep !== -1) {
    return {
      doc: parseDocument(""),
      lineStarts: lineStartsOf(text),
      value: null,
      problems: [
        {
          code: "yaml.too-deep",
          severity: "error",
          message: `collections nest more than ${MAX_NESTING} levels deep here: refusing the document`,
          from: deep,
          to: deep + 1
        }
      ],
      contentLength: text.trimEnd().length,
      nodeOffsets: /* @__PURE__ */ new Map(),
      memo: /* @__PURE__ */ new Map()
    };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  const problems = [];
  for (const error of doc.errors) {
    problems.push({
      code: error.code === "DUPLICATE_KEY" ? "yaml.duplicate-key" : "yaml.syntax",
      severity: "error",
      message: firstLine(error.message),
      from: error.pos[0],
      to: error.pos[1]
    });
  }
  for (const warning of doc.warnings) {
    problems.push({
      code: "yaml.warning",
      severity: "warning",
      message: firstLine(warning.message),
      from: warning.pos[0],
      to: warning.pos[1]
    });
  }
  visit(doc, {
    Map(_, map) {
      const seen = /* @__PURE__ */ new Set();
      for (const item of map.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (seen.has(key)) {
          const range = item.key.range ?? [0, 0, 0];
          problems.push({
            code: "yaml.duplicate-key",
            severity: "error",
            message: `Map keys must be unique: "${key.length > 60 ? `${key.slice(0, 60)}\u2026` : key}" appears twice`,
            from: range[0],
            to: range[1]
          });
        }
        seen.add(key);
      }
    }
  });
  let value = null;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const bomb = /excessive alias count/i.test(message);
      problems.push({
        code: bomb ? "yaml.alias-limit" : "yaml.syntax",
        severity: "error",
        message: bomb ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refusing what looks like an alias bomb` : firstLine(message),
        from: 0,
        to: Math.min(text.length, 1)
      });
    }
  }
  return {
    doc,
    lineStarts: lineStartsOf(text),
    value,
    problems,
    contentLength: text.trimEnd().length,
    nodeOffsets: /* @__PURE__ */ new Map(),
    memo: /* @__PURE__ */ new Map()
  };
}
function firstLine(message) {
  return message.split("\n")[0] ?? message;
}
function lineStartsOf(text) {
  const starts = [0];
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) starts.push(nl + 1);
  return starts;
}
function linePos(lineStarts, offset) {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (lineStarts[lo] ?? 0) + 1 };
}
function toRange(chunk, parse, from, to) {
  const a = Math.max(0, Math.min(from, chunk.text.length));
  const b = Math.max(a, Math.min(to, chunk.text.length));
  const start = linePos(parse.lineStarts, a);
  const end = linePos(parse.lineStarts, b);
  return {
    start: { line: chunk.line + start.line, column: start.col },
    end: { line: chunk.line + end.line, column: end.col },
    offset: chunk.offset + a,
    length: b - a
  };
}
function childOf(node, key) {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) return item.value;
    }
    return void 0;
  }
  if (isSeq(node) && /^\d+$/.test(String(key))) return node.items[Number(key)];
  return void 0;
}
var hasRange = (node) => !!node && typeof node === "object" && "range" in node && !!node.range;
function nodeAt(doc, path) {
  let node = doc.contents;
  let found = hasRange(node) ? node : null;
  for (const key of path) {
    node = childOf(node, key);
    if (node === void 0 || node === null) break;
    if (hasRange(node)) found = node;
  }
  return found;
}
function keyNodeAt(doc, path) {
  if (path.length === 0) return null;
  let parent = doc.contents;
  for (const key2 of path.slice(0, -1)) parent = childOf(parent, key2);
  const key = path[path.length - 1];
  if (!isMap(parent) || key === void 0) return null;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) {
      return item.key.range ? item.key : null;
    }
  }
  return null;
}
function makeDocument(index, chunk, parse, value, basePath, source) {
  const whole = toRange(chunk, parse, 0, parse.contentLength);
  const rangeOf = (path) => {
    const key = path.join("\0");
    let offsets = parse.nodeOffsets.get(key);
    if (offsets === void 0) {
      const node = nodeAt(parse.doc, path);
      offsets = node?.range ? [node.range[0], node.range[1]] : null;
      parse.nodeOffsets.set(key, offsets);
    }
    return offsets ? toRange(chunk, parse, offsets[0], offsets[1]) : whole;
  };
  const record = value && typeof value === "object" && !Array.isArray(value) ? value : {};
  return {
    index,
    value,
    apiVersion: typeof record.apiVersion === "string" ? record.apiVersion : null,
    kind: typeof record.kind === "string" ? record.kind : null,
    range: basePath.length ? rangeOf(basePath) : whole,
    basePath,
    origin: { offset: chunk.offset, line: chunk.line },
    memo: parse.memo,
    ...sourceField(source),
    rangeOf,
    keyRangeOf(path) {
      const key = keyNodeAt(parse.doc, path);
      return key?.range ? toRange(chunk, parse, key.range[0], key.range[1]) : rangeOf(path);
    }
  };
}
function parseWorkspaceText(text, cache2, source) {
  const diagnostics = [];
  if (text.length > WORKSPACE_SIZE_LIMIT) {
    diagnostics.push({
      code: "workspace.too-large",
      severity: "error",
      message: `the workspace is ${(text.length / 1024 / 1024).toFixed(1)} MB; the limit is ${WORKSPACE_SIZE_LIMIT / 1024 / 1024} MB`,
      document: -1,
      range: null,
      ...sourceField(source)
    });
    return { documents: [], diagnostics };
  }
  const documents = [];
  const chunks = splitDocuments(text);
  chunks.forEach((chunk, index) => {
    let parse = cache2?.get(chunk.text);
    if (!parse) {
      parse = parseChunk(chunk.text);
    }
    cache2?.set(chunk.text, parse);
    for (const problem of parse.problems) {
      diagnostics.push({
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
        document: index,
        range: toRange(chunk, parse, problem.from, problem.to),
        ...sourceField(source)
      });
    }
    const hasError = parse.problems.some((p) => p.severity === "error");
    const value = hasError ? null : parse.value;
    const document2 = makeDocument(index, chunk, parse, value, [], source);
    if (document2.kind === "List" && value && typeof value === "object" && !Array.isArray(value)) {
      const items = value.items;
      if (Array.isArray(items)) {
        items.forEach(
          (item, i) => documents.push(makeDocument(index, chunk, parse, item, ["items", i], source))
        );
        return;
      }
    }
    documents.push(document2);
  });
  cache2?.sweep();
  return { documents, diagnostics };
}

// packages/evaluator/src/workspace-text.ts
import { stringify } from "yaml";

// packages/evaluator/src/workspace/mesh-document.ts
var NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function readMetadata(r, root) {
  const meta = r.object(root, "metadata", []);
  if (!meta) return {};
  r.fields(meta, ["metadata"], ["name", "title", "description", "tags"]);
  const out = {};
  const name = r.string(meta, "name", ["metadata"]);
  const title = r.string(meta, "title", ["metadata"]);
  const description = r.string(meta, "description", ["metadata"]);
  const tags = r.stringList(meta, "tags", ["metadata"]);
  if (name !== void 0) out.name = name;
  if (title !== void 0) out.title = title;
  if (description !== void 0) out.description = description;
  if (tags !== void 0) out.tags = tags;
  return out;
}
function readPort(r, item, path) {
  r.fields(item, path, ["name", "port", "targetPort", "protocol", "appProtocol"]);
  const port = r.integer(item, "port", path, { min: 1, max: 65535 });
  if (port === void 0) {
    if (item.port === void 0) r.error("mesh.port-required", path, `${r.path(path)}.port is required`);
    return null;
  }
  const spec = { port };
  const name = r.string(item, "name", path);
  const targetPort = r.integer(item, "targetPort", path, { min: 1, max: 65535 });
  const protocol = r.string(item, "protocol", path);
  const appProtocol = r.string(item, "appProtocol", path);
  if (name !== void 0) spec.name = name;
  if (targetPort !== void 0) spec.targetPort = targetPort;
  if (protocol !== void 0) spec.protocol = protocol;
  if (appProtocol !== void 0) spec.appProtocol = appProtocol;
  return spec;
}
function readWorkload(r, item, path) {
  r.fields(item, path, [
    "name",
    "namespace",
    "labels",
    "serviceAccount",
    "sidecar",
    "gateway",
    "service",
    "ip",
    "ports",
    "listens"
  ]);
  const name = r.string(item, "name", path);
  const namespace = r.string(item, "namespace", path);
  if (!name || !namespace) {
    r.error("mesh.workload-name", path, `${r.path(path)} needs a name and a namespace`);
    return null;
  }
  if (!NAME.test(name) || !NAME.test(namespace)) {
    r.error(
      "mesh.invalid-name",
      path,
      `workload "${namespace}/${name}": names must be lower-case DNS labels (a-z, 0-9, "-")`
    );
    return null;
  }
  const spec = { name, namespace };
  const labels = r.stringMap(item, "labels", path);
  const serviceAccount = r.string(item, "serviceAccount", path);
  const sidecar = r.boolean(item, "sidecar", path);
  const gateway = r.boolean(item, "gateway", path);
  const service = r.string(item, "service", path);
  const ip = r.string(item, "ip", path);
  if (labels) spec.labels = labels;
  if (serviceAccount !== void 0) spec.serviceAccount = serviceAccount;
  if (sidecar !== void 0) spec.sidecar = sidecar;
  if (gateway !== void 0) spec.gateway = gateway;
  if (service !== void 0) spec.service = service;
  if (ip !== void 0) {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split(".").every((o) => Number(o) <= 255)) spec.ip = ip;
    else
      r.error(
        "mesh.invalid-ip",
        [...path, "ip"],
        `workload "${namespace}/${name}": ip "${ip}" is not an IPv4 address`
      );
  }
  const ports = [];
  r.each(item, "ports", path, (p, pp) => {
    const port = readPort(r, p, pp);
    if (port) ports.push(port);
  });
  if (item.ports !== void 0) spec.ports = ports;
  const listens = r.list(item, "listens", path);
  if (listens) {
    spec.listens = [];
    listens.forEach((v, i) => {
      if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535) spec.listens?.push(v);
      else
        r.error(
          "schema.type",
          [...path, "listens", i],
          `${r.path([...path, "listens", i])} must be a port number`
        );
    });
  }
  return spec;
}
function readProvider(r, item, path) {
  const name = r.string(item, "name", path);
  if (!name) {
    r.error("mesh.provider-name", path, `${r.path(path)} needs a name`);
    return null;
  }
  const spec = { name };
  for (const key of Object.keys(item)) {
    if (key === "name") continue;
    if (key === "envoyExtAuthzGrpc" || key === "envoyExtAuthzHttp") {
      const kind = r.object(item, key, path);
      if (kind) {
        const service = r.string(kind, "service", [...path, key]);
        const port = r.integer(kind, "port", [...path, key], { min: 0, max: 65535 });
        const value = {};
        if (service !== void 0) value.service = service;
        if (port !== void 0) value.port = port;
        spec[key] = value;
      }
    } else if (key === "simulate") {
      const sim = r.object(item, "simulate", path);
      if (!sim) continue;
      r.fields(sim, [...path, "simulate"], ["allowWhen", "deniedStatus"]);
      const allowWhen = [];
      r.each(sim, "allowWhen", [...path, "simulate"], (cond, cp) => {
        r.fields(cond, cp, ["header", "values"]);
        const header = r.string(cond, "header", cp);
        const values = r.stringList(cond, "values", cp) ?? [];
        if (header) allowWhen.push({ header: header.toLowerCase(), values });
        else r.error("mesh.simulate-header", cp, `${r.path(cp)} needs a header`);
      });
      const deniedStatus = r.integer(sim, "deniedStatus", [...path, "simulate"], { min: 100, max: 599 });
      spec.simulate = {};
      if (sim.allowWhen !== void 0) spec.simulate.allowWhen = allowWhen;
      if (deniedStatus !== void 0) spec.simulate.deniedStatus = deniedStatus;
    } else {
      r.fields({ [key]: true }, path, ["envoyExtAuthzGrpc", "envoyExtAuthzHttp", "simulate"]);
    }
  }
  return spec;
}
function readMesh(r, root) {
  const spec = r.object(root, "spec", []);
  const mesh = {};
  if (!spec) return mesh;
  const P = ["spec"];
  r.fields(spec, P, [
    "rootNamespace",
    "trustDomain",
    "trustDomainAliases",
    "enableAutoMtls",
    "numTrustedProxies",
    "extensionProviders",
    "namespaces",
    "workloads",
    "layout"
  ]);
  const rootNamespace = r.string(spec, "rootNamespace", P);
  const trustDomain = r.string(spec, "trustDomain", P);
  const aliases = r.stringList(spec, "trustDomainAliases", P);
  const enableAutoMtls = r.boolean(spec, "enableAutoMtls", P);
  const numTrustedProxies = r.integer(spec, "numTrustedProxies", P, { min: 0, max: 64 });
  if (rootNamespace !== void 0) mesh.rootNamespace = rootNamespace;
  if (trustDomain !== void 0) mesh.trustDomain = trustDomain;
  if (aliases !== void 0) mesh.trustDomainAliases = aliases;
  if (enableAutoMtls !== void 0) mesh.enableAutoMtls = enableAutoMtls;
  if (numTrustedProxies !== void 0) mesh.numTrustedProxies = numTrustedProxies;
  const providers = [];
  r.each(spec, "extensionProviders", P, (item, path) => {
    const provider = readProvider(r, item, path);
    if (provider) providers.push(provider);
  });
  if (providers.length) mesh.extensionProviders = providers;
  const namespaces = [];
  const seenNamespaces = /* @__PURE__ */ new Set();
  r.each(spec, "namespaces", P, (item, path) => {
    r.fields(item, path, ["name", "labels"]);
    const name = r.string(item, "name", path);
    if (!name || !NAME.test(name)) {
      r.error("mesh.invalid-name", path, `${r.path(path)}: a namespace needs a lower-case DNS-label name`);
      return;
    }
    if (seenNamespaces.has(name)) {
      r.error("mesh.duplicate-namespace", path, `namespace "${name}" is declared twice`);
      return;
    }
    seenNamespaces.add(name);
    const ns = { name };
    const labels = r.stringMap(item, "labels", path);
    if (labels) ns.labels = labels;
    namespaces.push(ns);
  });
  mesh.namespaces = namespaces;
  const workloads = [];
  const seenWorkloads = /* @__PURE__ */ new Set();
  r.each(spec, "workloads", P, (item, path) => {
    const workload = readWorkload(r, item, path);
    if (!workload) return;
    const key = `${workload.namespace}/${workload.name}`;
    if (seenWorkloads.has(key)) {
      r.error("mesh.duplicate-workload", path, `workload "${key}" is declared twice`);
      return;
    }
    seenWorkloads.add(key);
    if (!seenNamespaces.has(workload.namespace)) {
      seenNamespaces.add(workload.namespace);
      namespaces.push({ name: workload.namespace });
    }
    workloads.push(workload);
  });
  mesh.workloads = workloads;
  const layout = r.object(spec, "layout", P);
  if (layout) {
    const out = /* @__PURE__ */ Object.create(null);
    for (const [key, value] of Object.entries(layout)) {
      if (isDict(value) && typeof value.x === "number" && typeof value.y === "number") {
        const entry = { x: value.x, y: value.y };
        if (typeof value.width === "number") entry.width = value.width;
        if (typeof value.height === "number") entry.height = value.height;
        out[key] = entry;
      }
    }
    mesh.layout = out;
  }
  return mesh;
}

// packages/evaluator/src/workspace/probes-document.ts
var RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
var isRfc3339 = (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v));
function readTokenUse(r, item, path) {
  r.fields(item, path, ["token", "in", "prefix"]);
  const token = r.string(item, "token", path);
  if (!token) {
    r.error("probes.token-required", path, `${r.path(path)} needs a token name`);
    return null;
  }
  const use = { token };
  const where = r.string(item, "in", path);
  const prefix = r.string(item, "prefix", path);
  if (where !== void 0) {
    if (/^(header|query|cookie):.+$/.test(where)) use.in = where;
    else
      r.error(
        "probes.token-location",
        [...path, "in"],
        `"${where}" must be header:<name>, query:<param> or cookie:<name>`
      );
  }
  if (prefix !== void 0) use.prefix = prefix;
  return use;
}
function readRequest(r, item, path) {
  r.fields(item, path, ["method", "path", "host", "headers", "token", "tokens", "sourceIp"]);
  const request = {};
  const method = r.string(item, "method", path);
  const reqPath = r.string(item, "path", path);
  const host = r.string(item, "host", path);
  const headers = r.stringMap(item, "headers", path);
  const token = r.string(item, "token", path);
  const sourceIp = r.string(item, "sourceIp", path);
  if (method !== void 0) request.method = method;
  if (reqPath !== void 0) request.path = reqPath;
  if (host !== void 0) request.host = host;
  if (headers !== void 0) request.headers = headers;
  if (token !== void 0) request.token = token;
  if (sourceIp !== void 0) request.sourceIp = sourceIp;
  const tokens = [];
  r.each(item, "tokens", path, (t2, tp) => {
    const use = readTokenUse(r, t2, tp);
    if (use) tokens.push(use);
  });
  if (item.tokens !== void 0) request.tokens = tokens;
  return request;
}
function readToken(r, item, path) {
  r.fields(item, path, ["claims", "signature", "raw", "jwt"]);
  const token = {};
  const claims = r.object(item, "claims", path);
  const signature = r.string(item, "signature", path);
  const raw = r.string(item, "raw", path);
  const jwt = r.string(item, "jwt", path);
  const forms = [claims, raw, jwt].filter((v) => v !== void 0).length;
  if (forms !== 1) {
    r.error("probes.token-form", path, `${r.path(path)} needs exactly one of claims, raw or jwt`);
  }
  if (claims) token.claims = claims;
  if (signature !== void 0) {
    if (signature === "valid" || signature === "invalid") token.signature = signature;
    else r.error("probes.token-signature", [...path, "signature"], `signature must be "valid" or "invalid"`);
  }
  if (raw !== void 0) token.raw = raw;
  if (jwt !== void 0) token.jwt = jwt;
  return token;
}
function readProbe(r, item, path) {
  r.fields(item, path, ["name", "from", "to", "port", "address", "request", "now", "expect", "expectMtls"]);
  const from = r.string(item, "from", path);
  const to = r.string(item, "to", path);
  const port = r.integer(item, "port", path, { min: 1, max: 65535 });
  if (!from || !to || port === void 0) {
    r.error("probes.incomplete", path, `${r.path(path)} needs from, to and port`);
    return null;
  }
  const probe = { from, to, port };
  const name = r.string(item, "name", path);
  const address = r.string(item, "address", path);
  const now = r.string(item, "now", path);
  const expect = r.string(item, "expect", path);
  const expectMtls = r.boolean(item, "expectMtls", path);
  if (name !== void 0) probe.name = name;
  if (address !== void 0) {
    if (address === "service" || address === "podIP") probe.address = address;
    else r.error("probes.address", [...path, "address"], `address must be "service" or "podIP"`);
  }
  if (now !== void 0) {
    if (!isRfc3339(now)) r.error("probes.now", [...path, "now"], `now "${now}" is not an RFC 3339 time`);
    else probe.now = now;
  }
  if (expect !== void 0) probe.expect = expect;
  if (expectMtls !== void 0) probe.expectMtls = expectMtls;
  const request = r.object(item, "request", path);
  if (request) probe.request = readRequest(r, request, [...path, "request"]);
  return probe;
}
function readProbes(r, root) {
  const spec = r.object(root, "spec", []);
  const out = { probes: [] };
  const probePaths = [];
  const droppedProbePaths = [];
  if (!spec) return { probes: out, probePaths, droppedProbePaths };
  const P = ["spec"];
  r.fields(spec, P, ["now", "tokens", "jwks", "probes"]);
  const now = r.string(spec, "now", P);
  if (now !== void 0) {
    if (!isRfc3339(now)) r.error("probes.now", [...P, "now"], `now "${now}" is not an RFC 3339 time`);
    else out.now = now;
  }
  const tokens = r.object(spec, "tokens", P);
  if (tokens) {
    out.tokens = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of Object.entries(tokens)) {
      const tp = [...P, "tokens", name];
      const token = r.dict(value, tp);
      if (token) out.tokens[name] = readToken(r, token, tp);
    }
  }
  const jwks = r.object(spec, "jwks", P);
  if (jwks) {
    out.jwks = /* @__PURE__ */ Object.create(null);
    for (const [uri, value] of Object.entries(jwks)) {
      const jp = [...P, "jwks", uri];
      const entry = r.dict(value, jp);
      if (!entry) continue;
      r.fields(entry, jp, ["keys", "unavailable"]);
      const set = {};
      const keys = r.list(entry, "keys", jp);
      const unavailable = r.boolean(entry, "unavailable", jp);
      if (keys) set.keys = keys;
      if (unavailable !== void 0) set.unavailable = unavailable;
      out.jwks[uri] = set;
    }
  }
  r.each(spec, "probes", P, (item, path) => {
    const probe = readProbe(r, item, path);
    if (probe) {
      out.probes?.push(probe);
      probePaths.push(path);
    }
  });
  const items = spec.probes;
  if (Array.isArray(items) && probePaths.length < items.length) {
    const read = new Set(probePaths.map((p) => p[p.length - 1]));
    for (let i = 0; i < items.length; i++) if (!read.has(i)) droppedProbePaths.push([...P, "probes", i]);
  }
  return { probes: out, probePaths, droppedProbePaths };
}

// packages/evaluator/src/workspace/index.ts
var PLAYGROUND_API_VERSION = "playground/v1";
function readWorkspace(documents) {
  const diagnostics = [];
  const resources = [];
  let meshDocument = null;
  let probesDocument = null;
  let metadata = {};
  let mesh = { namespaces: [], workloads: [] };
  let probes = { probes: [] };
  let probePaths = [];
  let droppedProbePaths = [];
  for (const doc of documents) {
    if (doc.value === null || doc.value === void 0) continue;
    if (!isDict(doc.value)) {
      diagnostics.push({
        code: "workspace.not-a-resource",
        severity: "error",
        message: "a workspace document must be a map with apiVersion and kind",
        document: doc.index,
        range: doc.range,
        ...sourceField(doc.source)
      });
      continue;
    }
    const isPlayground = doc.apiVersion === PLAYGROUND_API_VERSION;
    if (isPlayground && doc.kind === "Mesh") {
      const r = new Reader(doc, "Mesh", playgroundReading("Mesh"));
      if (meshDocument) {
        r.error("workspace.duplicate-mesh", [], "only one Mesh document is allowed; this one is ignored");
      } else {
        r.fields(doc.value, [], ["apiVersion", "kind", "metadata", "spec"]);
        meshDocument = doc;
        metadata = readMetadata(r, doc.value);
        mesh = readMesh(r, doc.value);
      }
      keep(diagnostics, r.diagnostics);
    } else if (isPlayground && doc.kind === "Probes") {
      const r = new Reader(doc, "Probes", playgroundReading("Probes"));
      if (probesDocument) {
        r.error("workspace.duplicate-probes", [], "only one Probes document is allowed; this one is ignored");
      } else {
        r.fields(doc.value, [], ["apiVersion", "kind", "metadata", "spec"]);
        probesDocument = doc;
        ({ probes, probePaths, droppedProbePaths } = readProbes(r, doc.value));
      }
      keep(diagnostics, r.diagnostics);
    } else if (isPlayground) {
      diagnostics.push({
        code: "workspace.unknown-kind",
        severity: "error",
        message: `playground/v1 has kinds Mesh and Probes, not "${doc.kind ?? ""}"`,
        document: doc.index,
        range: doc.rangeOf(["kind"]),
        ...sourceField(doc.source)
      });
    } else {
      resources.push(doc);
    }
  }
  return {
    metadata,
    mesh,
    probes,
    meshDocument,
    probesDocument,
    resources,
    diagnostics,
    probePaths,
    droppedProbePaths
  };
}
function keep(into, found) {
  for (const d of found) into.push(d);
}

// packages/evaluator/src/workspace-text.ts
function document(kind, metadata, spec) {
  const doc = { apiVersion: PLAYGROUND_API_VERSION, kind };
  if (metadata && Object.keys(metadata).length) doc.metadata = metadata;
  doc.spec = spec;
  return stringify(doc, { lineWidth: 0 });
}
function meshDocumentText(metadata, mesh) {
  return document("Mesh", metadata, mesh);
}
function probesDocumentText(probes) {
  return document("Probes", null, probes);
}

// packages/evaluator/src/parts.ts
var PartsParser = class {
  policies = new ParseCache();
  // One slot each: an edit replaces the object, so only the latest one can come back.
  mesh = null;
  probes = null;
  parse(parts) {
    const mesh = this.meshPart(parts.metadata, parts.mesh);
    const probes = this.probesPart(parts.probes);
    const policies = parseWorkspaceText(parts.policies, this.policies, "policies");
    return {
      documents: [...mesh.parsed.documents, ...policies.documents, ...probes.parsed.documents],
      diagnostics: [
        // Copies: a cached part's diagnostics must not be shared with earlier results.
        ...mesh.parsed.diagnostics.map((d) => ({ ...d })),
        ...policies.diagnostics,
        ...probes.parsed.diagnostics.map((d) => ({ ...d }))
      ],
      texts: { mesh: mesh.text, probes: probes.text }
    };
  }
  meshPart(metadata, mesh) {
    if (this.mesh?.metadata !== metadata || this.mesh.mesh !== mesh) {
      const text = meshDocumentText(metadata, mesh);
      this.mesh = { metadata, mesh, part: { text, parsed: parseWorkspaceText(text, void 0, "mesh") } };
    }
    return this.mesh.part;
  }
  probesPart(probes) {
    if (this.probes?.probes !== probes) {
      const text = probesDocumentText(probes);
      this.probes = { probes, part: { text, parsed: parseWorkspaceText(text, void 0, "probes") } };
    }
    return this.probes.part;
  }
};

// packages/evaluator/src/match/string.ts
function classifyStringPattern(pattern, presence) {
  if (pattern === "*") return { kind: "presence", presence };
  if (pattern.startsWith("*")) return { kind: "suffix", value: pattern.slice(1) };
  if (pattern.endsWith("*")) return { kind: "prefix", value: pattern.slice(0, -1) };
  return { kind: "exact", value: pattern };
}
function asciiLowerCode(code) {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
function regionEqualsIgnoreCase(haystack, offset, lowerNeedle) {
  for (let i = 0; i < lowerNeedle.length; i++) {
    if (asciiLowerCode(haystack.charCodeAt(offset + i)) !== lowerNeedle.charCodeAt(i)) return false;
  }
  return true;
}
function asciiLower(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(asciiLowerCode(s.charCodeAt(i)));
  return out;
}
function compileStringMatcher(pattern, options) {
  const shape = classifyStringPattern(pattern, options.presence);
  if (shape.kind === "presence") {
    if (shape.presence === "present") return (value) => value !== void 0;
    return (value) => value !== void 0 && value.length > 0 && value.indexOf("\n") === -1;
  }
  if (options.ignoreCase === true) {
    const needle2 = asciiLower(shape.value);
    const n = needle2.length;
    switch (shape.kind) {
      case "exact":
        return (value) => value !== void 0 && value.length === n && regionEqualsIgnoreCase(value, 0, needle2);
      case "prefix":
        return (value) => value !== void 0 && value.length >= n && regionEqualsIgnoreCase(value, 0, needle2);
      case "suffix":
        return (value) => value !== void 0 && value.length >= n && regionEqualsIgnoreCase(value, value.length - n, needle2);
    }
  }
  const needle = shape.value;
  switch (shape.kind) {
    case "exact":
      return (value) => value === needle;
    case "prefix":
      return (value) => value !== void 0 && value.startsWith(needle);
    case "suffix":
      return (value) => value !== void 0 && value.endsWith(needle);
  }
}

// packages/evaluator/src/match/host.ts
function compileHostMatcher(pattern) {
  return compileStringMatcher(pattern, { ignoreCase: true, presence: "present" });
}

// packages/evaluator/src/match/regex.ts
import { RE2JS } from "re2js";
var NEVER = () => false;
var cache = /* @__PURE__ */ new Map();
var CACHE_LIMIT = 1e3;
function describeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, "");
}
function compileRegex(source) {
  const hit = cache.get(source);
  if (hit) return hit;
  let compiled;
  try {
    const re = RE2JS.compile(source);
    compiled = { ok: true, matches: (value) => re.matches(value) };
  } catch (error) {
    compiled = { ok: false, error: describeError(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, compiled);
  return compiled;
}
function regexError(source) {
  const compiled = compileRegex(source);
  return compiled.ok ? null : compiled.error;
}
function regexFullMatch(source, value) {
  const compiled = compileRegex(source);
  return (compiled.ok ? compiled.matches : NEVER)(value);
}
function regexMessage(source, error) {
  const shown = source.length > 80 ? `${source.slice(0, 80)}\u2026` : source;
  return `regex "${shown}" is not valid RE2 syntax (${error}); Envoy compiles regexes with RE2, which has no backreferences or lookaround; the match never matches`;
}

// packages/evaluator/src/match/template.ts
var MATCH_ONE_TEMPLATE = "{*}";
var MATCH_ANY_TEMPLATE = "{**}";
function containsPathTemplate(value) {
  return value.includes(MATCH_ONE_TEMPLATE) || value.includes(MATCH_ANY_TEMPLATE);
}
var LITERAL_CLASS = "a-zA-Z0-9\\-._~%!$&'()+,;:@";
var VALID_LITERAL = new RegExp(`^[${LITERAL_CLASS}]+$`);
var PATH_GLOB = `[${LITERAL_CLASS}]+`;
var TEXT_GLOB = `[${LITERAL_CLASS}/]*`;
var PRINTABLE_PATTERN = /^\/[\x21-\x7e]*$/;
function escapeRegex(literal) {
  return literal.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}
var NEVER2 = () => false;
function templateToRegex(template) {
  if (!PRINTABLE_PATTERN.test(template)) return { error: "Invalid pattern" };
  let rest = template.slice(1);
  const parts = [];
  let suffix = "";
  let seenTextGlob = false;
  while (rest.length > 0) {
    if (rest[0] === "*") {
      const textGlob = rest.startsWith("**");
      if (seenTextGlob) return { error: "{**} is not the last operator" };
      seenTextGlob = textGlob;
      parts.push(textGlob ? TEXT_GLOB : PATH_GLOB);
      rest = rest.slice(textGlob ? 2 : 1);
    } else if (rest[0] === "{") {
      return { error: "contains '{' or '}' beyond a supported path template" };
    } else {
      const slash2 = rest.indexOf("/");
      const literal2 = slash2 === -1 ? rest : rest.slice(0, slash2);
      if (!VALID_LITERAL.test(literal2)) return { error: `invalid literal "${literal2}"` };
      parts.push(escapeRegex(literal2));
      rest = rest.slice(literal2.length);
    }
    if (rest.length === 0) break;
    if (rest === "/") {
      parts.push("");
      break;
    }
    if (rest[0] === "/") {
      rest = rest.slice(1);
      continue;
    }
    const slash = rest.indexOf("/");
    const literal = slash === -1 ? rest : rest.slice(0, slash);
    if (!VALID_LITERAL.test(literal)) return { error: `invalid literal "${literal}"` };
    if (slash !== -1) return { error: "prefix match not supported" };
    suffix = escapeRegex(literal);
    break;
  }
  return { source: `^/${parts.join("/")}${suffix}$` };
}
function compilePathTemplate(pattern) {
  const envoyTemplate = pattern.split(MATCH_ANY_TEMPLATE).map((p) => p.split(MATCH_ONE_TEMPLATE).join("*")).join("**");
  const result = templateToRegex(envoyTemplate);
  if ("error" in result) return { envoyTemplate, error: result.error, matcher: NEVER2 };
  const regex = compileRegex(result.source);
  if (!regex.ok) return { envoyTemplate, error: regex.error, matcher: NEVER2 };
  const matches = regex.matches;
  return {
    envoyTemplate,
    matcher: (path) => {
      let end = path.length;
      for (let i = 0; i < path.length; i++) {
        const c = path.charCodeAt(i);
        if (c === 63 || c === 35) {
          end = i;
          break;
        }
      }
      return matches(end === path.length ? path : path.slice(0, end));
    }
  };
}

// packages/evaluator/src/match/path.ts
function isUnreserved(code) {
  return code >= 48 && code <= 57 || // 0-9
  code >= 65 && code <= 90 || // A-Z
  code >= 97 && code <= 122 || // a-z
  code === 45 || // -
  code === 46 || // .
  code === 95 || // _
  code === 126;
}
function hexValue(code) {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 65 + 10;
  if (code >= 97 && code <= 102) return code - 97 + 10;
  return -1;
}
function pathEnd(raw) {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 63 || c === 35) return i;
  }
  return raw.length;
}
function removeDotSegments(path) {
  const segments = path.split("/");
  const out = [];
  const last = segments.length - 1;
  for (let i = 1; i <= last; i++) {
    const segment = segments[i];
    if (segment === "." || segment === "..") {
      if (segment === "..") out.pop();
      if (i === last) out.push("");
      continue;
    }
    out.push(segment);
  }
  return "/" + out.join("/");
}
function normalizePath(raw) {
  const end = pathEnd(raw);
  const stripped = end === raw.length ? raw : raw.slice(0, end);
  if (stripped.charCodeAt(0) === 47 && stripped.indexOf("%") === -1 && stripped.indexOf("\\") === -1 && stripped.indexOf("/.") === -1 && stripped.indexOf("\0") === -1) {
    return { path: stripped, rejected: false };
  }
  let decoded = "";
  let i = 0;
  while (i < stripped.length) {
    const c = stripped.charCodeAt(i);
    if (c === 0) return { path: stripped, rejected: true };
    if (c === 37 && i + 2 < stripped.length) {
      const hi = hexValue(stripped.charCodeAt(i + 1));
      const lo = hexValue(stripped.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        const value = hi * 16 + lo;
        if (value === 0) return { path: stripped, rejected: true };
        decoded += isUnreserved(value) ? String.fromCharCode(value) : stripped.slice(i, i + 3);
        i += 3;
        continue;
      }
    }
    decoded += c === 92 ? "/" : stripped[i];
    i++;
  }
  if (decoded.charCodeAt(0) !== 47) decoded = "/" + decoded;
  return { path: removeDotSegments(decoded), rejected: false };
}
function compilePathMatcher(pattern) {
  if (containsPathTemplate(pattern)) return compilePathTemplate(pattern).matcher;
  const match = compileStringMatcher(pattern, { presence: "non-empty" });
  return (path) => {
    const end = pathEnd(path);
    return match(end === path.length ? path : path.slice(0, end));
  };
}

// packages/evaluator/src/match/ip.ts
var scratch = new Uint32Array(4);
var groups = new Uint16Array(8);
function isDigit(code) {
  return code >= 48 && code <= 57;
}
function hexDigit(code) {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
function parseIpv4(s, start, end) {
  let value = 0;
  let octets = 0;
  let i = start;
  while (octets < 4) {
    if (i >= end || !isDigit(s.charCodeAt(i))) return -1;
    const first = i;
    let octet = 0;
    while (i < end && isDigit(s.charCodeAt(i))) {
      octet = octet * 10 + (s.charCodeAt(i) - 48);
      if (octet > 255) return -1;
      i++;
    }
    if (i - first > 1 && s.charCodeAt(first) === 48) return -1;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (i >= end || s.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}
function parseIpv6(s, start, end) {
  groups.fill(0);
  let count = 0;
  let ellipsis = -1;
  let i = start;
  if (end - start >= 2 && s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 58) {
    ellipsis = 0;
    i += 2;
    if (i === end) return writeGroups(0, ellipsis);
  } else if (i < end && s.charCodeAt(i) === 58) {
    return false;
  }
  while (i < end) {
    if (count === 8) return false;
    let j = i;
    while (j < end && hexDigit(s.charCodeAt(j)) >= 0) j++;
    if (j < end && s.charCodeAt(j) === 46) {
      if (count > 6) return false;
      const v4 = parseIpv4(s, i, end);
      if (v4 < 0) return false;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 % 65536;
      i = end;
      break;
    }
    const digits = j - i;
    if (digits === 0 || digits > 4) return false;
    let group = 0;
    for (let k = i; k < j; k++) group = group * 16 + hexDigit(s.charCodeAt(k));
    groups[count++] = group;
    i = j;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (ellipsis >= 0) return false;
      ellipsis = count;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false;
    }
  }
  return writeGroups(count, ellipsis);
}
function writeGroups(count, ellipsis) {
  if (ellipsis < 0) {
    if (count !== 8) return false;
  } else {
    if (count === 8) return false;
    const tail = count - ellipsis;
    for (let k = 0; k < tail; k++) {
      groups[7 - k] = groups[count - 1 - k];
    }
    for (let k = ellipsis; k < 8 - tail; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) {
    scratch[w] = groups[2 * w] * 65536 + groups[2 * w + 1];
  }
  return true;
}
function parseAddressIntoScratch(s, start, end) {
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) === 58) return parseIpv6(s, start, end) ? 6 : 0;
  }
  const v4 = parseIpv4(s, start, end);
  if (v4 < 0) return 0;
  scratch[0] = v4;
  return 4;
}
function parseIpOrCidr(s) {
  const slash = s.indexOf("/");
  const end = slash === -1 ? s.length : slash;
  if (s.indexOf("%") !== -1) return { ok: false, reason: `bad IP address (${s}): zones are not supported` };
  const version = parseAddressIntoScratch(s, 0, end);
  if (version === 0) {
    return {
      ok: false,
      reason: slash === -1 ? `bad IP address (${s})` : `bad CIDR range (${s}): bad address`
    };
  }
  const words = version === 4 ? [scratch[0]] : Array.from(scratch);
  const bits = version === 4 ? 32 : 128;
  if (slash === -1) return { ok: true, version, words, prefixLength: bits, hasPrefix: false };
  const lengthText = s.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) {
    return { ok: false, reason: `bad CIDR range (${s}): bad prefix length "${lengthText}"` };
  }
  const prefixLength = Number(lengthText);
  if (prefixLength > bits) {
    return { ok: false, reason: `bad CIDR range (${s}): prefix length ${prefixLength} is over ${bits}` };
  }
  return { ok: true, version, words, prefixLength, hasPrefix: true };
}
function isIpAddress(s) {
  return s.indexOf("/") === -1 && s.indexOf("%") === -1 && parseAddressIntoScratch(s, 0, s.length) !== 0;
}
function maskWord(prefixLength, wordIndex) {
  const bits = Math.min(32, Math.max(0, prefixLength - 32 * wordIndex));
  return bits === 0 ? 0 : 4294967295 << 32 - bits >>> 0;
}
function compileIpMatcher(values) {
  const v4 = [];
  const v6 = [];
  for (const value of values) {
    const parsed = parseIpOrCidr(value);
    if (!parsed.ok) continue;
    if (parsed.version === 4) {
      const mask = maskWord(parsed.prefixLength, 0);
      v4.push((parsed.words[0] & mask) >>> 0, mask);
    } else {
      const masks = [0, 1, 2, 3].map((k) => maskWord(parsed.prefixLength, k));
      v6.push(...parsed.words.map((word, k) => (word & masks[k]) >>> 0), ...masks);
    }
  }
  const v4Table = Uint32Array.from(v4);
  const v6Table = Uint32Array.from(v6);
  return (ip) => {
    if (ip === void 0) return false;
    const version = parseAddressIntoScratch(ip, 0, ip.length);
    if (version === 4) {
      const address = scratch[0];
      for (let i = 0; i < v4Table.length; i += 2) {
        if ((address & v4Table[i + 1]) >>> 0 === v4Table[i]) return true;
      }
      return false;
    }
    if (version === 6) {
      for (let i = 0; i < v6Table.length; i += 8) {
        let inRange = true;
        for (let k = 0; k < 4 && inRange; k++) {
          inRange = (scratch[k] & v6Table[i + 4 + k]) >>> 0 === v6Table[i + k];
        }
        if (inRange) return true;
      }
    }
    return false;
  };
}

// packages/evaluator/src/match/port.ts
function parsePort(s) {
  if (s.length === 0) return null;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
    if (value > 65535) return null;
  }
  return value;
}

// packages/evaluator/src/match/xff.ts
function remoteAddress(directPeer, xff, numTrustedProxies, atGateway) {
  if (xff === void 0) return directPeer;
  if (atGateway) {
    if (numTrustedProxies <= 0) return directPeer;
    return xffEntryFromRight(xff, numTrustedProxies - 1) ?? directPeer;
  }
  return xffEntryFromRight(xff, 0) ?? directPeer;
}
function xffEntryFromRight(xff, skip) {
  let end = xff.length;
  for (let i = 0; i < skip; i++) {
    const comma2 = xff.lastIndexOf(",", end - 1);
    if (comma2 === -1 || end === 0) return void 0;
    end = comma2;
  }
  const comma = end === 0 ? -1 : xff.lastIndexOf(",", end - 1);
  const entry = xff.slice(comma + 1, end).replace(/^[ \t\f\v\n\r]+|[ \t\f\v\n\r]+$/g, "");
  return isIpAddress(entry) ? entry : void 0;
}

// packages/evaluator/src/match/glob.ts
function compileGlob(pieces) {
  if (pieces.length === 0) return () => false;
  const parts = [...pieces];
  if (parts.length === 1) {
    const only = parts[0];
    return (text) => text === only;
  }
  const withNewline = parts.some((p) => p.includes("\n"));
  return (text) => !withNewline && text.indexOf("\n") !== -1 ? false : withNewline ? globTable(parts, text) : globGreedy(parts, text);
}
function globGreedy(parts, text) {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const limit = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i];
    const at = text.indexOf(piece, pos);
    if (at === -1 || at + piece.length > limit) return false;
    pos = at + piece.length;
  }
  return pos <= limit;
}
function globTable(parts, text) {
  const tokens = [];
  parts.forEach((p, i) => {
    if (i > 0) tokens.push(-1);
    for (let j = 0; j < p.length; j++) tokens.push(p.charCodeAt(j));
  });
  const m = tokens.length;
  let live = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set) => {
    for (let j = 0; j < m; j++) if (set[j] && tokens[j] === -1) set[j + 1] = 1;
  };
  live[0] = 1;
  close(live);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    next.fill(0);
    let any = false;
    for (let j = 0; j < m; j++) {
      if (!live[j]) continue;
      const t2 = tokens[j];
      if (t2 === -1) {
        if (c !== 10) {
          next[j] = 1;
          any = true;
        }
      } else if (t2 === c) {
        next[j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [live, next] = [next, live];
  }
  return live[m] === 1;
}

// packages/evaluator/src/authz/fields.ts
var PEER_FIELDS = /* @__PURE__ */ new Set([
  "principals",
  "source.principal",
  "namespaces",
  "source.namespace",
  "serviceAccounts",
  "source.serviceAccount",
  "trustDomains",
  "source.trustDomain",
  "ipBlocks",
  "source.ip",
  "remoteIpBlocks",
  "remote.ip",
  "connection.sni"
]);
var anyOf = (matchers) => (value) => {
  for (const m of matchers) if (m(value)) return true;
  return false;
};
function expandPrincipal(value, td) {
  const parts = value.split("/");
  if (parts.length !== 5 || parts[1] !== "ns" || parts[3] !== "sa") return [value];
  const domain = parts[0] ?? "";
  const all = [td.local, ...td.aliases];
  if (domain !== "cluster.local" && !all.includes(domain)) return [value];
  const rest = parts.slice(1).join("/");
  return [...new Set(all.map((d) => `${d}/${rest}`))];
}
function peerMatcher(values, get, matcher) {
  const m = anyOf(values.map(matcher));
  return (r) => r.peer !== null && m(get(r.peer));
}
function principalMatcher(values, td) {
  const expanded = values.flatMap((v) => expandPrincipal(v, td));
  return peerMatcher(
    expanded,
    (p) => p.principal,
    // The value is compared with `spiffe://` + value; a value that already has the scheme never matches.
    (v) => v.startsWith("spiffe://") ? () => false : compileStringMatcher(v, { presence: "non-empty" })
  );
}
function namespaceMatcher(values) {
  const exact = values.filter((v) => !v.includes("*"));
  const globs = values.filter((v) => v.includes("*")).map((v) => {
    const pieces = v.split("*");
    pieces[0] = `/ns/${pieces[0] ?? ""}`;
    pieces[pieces.length - 1] = `${pieces[pieces.length - 1] ?? ""}/`;
    return compileGlob(["", ...pieces, ""]);
  });
  return (r) => {
    const peer = r.peer;
    if (!peer) return false;
    if (exact.includes(peer.namespace)) return true;
    for (const glob of globs) if (glob(peer.uri)) return true;
    return false;
  };
}
function serviceAccountMatcher(values, policyNamespace) {
  const wanted = values.map((v) => v.includes("/") ? v.split("/") : [policyNamespace, v]);
  return (r) => {
    const peer = r.peer;
    if (peer === null) return false;
    for (const [ns, sa] of wanted) if (peer.namespace === ns && peer.serviceAccount === sa) return true;
    return false;
  };
}
function trustDomainMatcher(values, td) {
  const expanded = values.flatMap(
    (v) => v === td.local || td.aliases.includes(v) || v === "cluster.local" ? [td.local, ...td.aliases] : [v]
  );
  return peerMatcher(
    expanded,
    (p) => p.trustDomain,
    (v) => compileStringMatcher(v, { presence: "non-empty" })
  );
}
function requestPrincipalMatcher(values) {
  const nonEmpty = (s) => s !== void 0 && s.length > 0;
  const exact = (x) => (s) => s === x;
  const prefix = (x) => (s) => s !== void 0 && s.startsWith(x);
  const suffix = (x) => (s) => s !== void 0 && s.endsWith(x);
  const parts = values.map((v) => {
    if (v === "*") return { iss: nonEmpty, sub: nonEmpty };
    const slash = v.lastIndexOf("/");
    const found = slash !== -1;
    const iss = found ? v.slice(0, slash) : v;
    const sub = found ? v.slice(slash + 1) : "";
    if (v.startsWith("*")) {
      if (found) return { iss: iss === "*" ? nonEmpty : suffix(iss.slice(1)), sub: exact(sub) };
      return { iss: nonEmpty, sub: suffix(v.slice(1)) };
    }
    if (v.endsWith("*")) {
      if (found) return { iss: exact(iss), sub: sub === "*" ? nonEmpty : prefix(sub.slice(0, -1)) };
      return { iss: prefix(v.slice(0, -1)), sub: nonEmpty };
    }
    return { iss: exact(iss), sub: exact(sub) };
  });
  return (r) => {
    const payload = r.jwtPayload;
    if (!payload) return false;
    const iss = typeof payload.iss === "string" ? payload.iss : void 0;
    const sub = typeof payload.sub === "string" ? payload.sub : void 0;
    for (const p of parts) if (p.iss(iss) && p.sub(sub)) return true;
    return false;
  };
}
function claimMatcher(path, values) {
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence: "non-empty" })));
  return (r) => {
    let node = r.jwtPayload;
    for (const key of path) {
      if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
      node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : void 0;
    }
    if (typeof node === "string") return m(node);
    if (Array.isArray(node)) return node.some((item) => typeof item === "string" && m(item));
    return false;
  };
}
function headerMatcher(name, values) {
  const lower = name.toLowerCase();
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence: "present" })));
  return (r) => r.http !== null && m(getOwn(r.http.headers, lower));
}
function ipMatcher(values, get) {
  const m = compileIpMatcher([...values]);
  return (r) => m(get(r));
}
function portMatcher(values) {
  const ports = values.map(parsePort).filter((p) => p !== null);
  return (r) => ports.includes(r.destinationPort);
}
function stringFieldMatcher(values, get, presence) {
  const m = anyOf(values.map((v) => compileStringMatcher(v, { presence })));
  return (r) => m(get(r));
}
function bracketPath(key, prefix) {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const parts = [...rest.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
  if (parts.length === 0 || parts.map((p) => `[${p}]`).join("") !== rest) return null;
  return parts;
}
function fieldCompiler(policyNamespace, td) {
  return {
    compile(field, values) {
      switch (field) {
        case "principals":
        case "source.principal":
          return { test: principalMatcher(values, td), httpOnly: false };
        case "namespaces":
        case "source.namespace":
          return { test: namespaceMatcher(values), httpOnly: false };
        case "serviceAccounts":
        case "source.serviceAccount":
          return { test: serviceAccountMatcher(values, policyNamespace), httpOnly: false };
        case "trustDomains":
        case "source.trustDomain":
          return { test: trustDomainMatcher(values, td), httpOnly: false };
        case "ipBlocks":
        case "source.ip":
          return { test: ipMatcher(values, (r) => r.sourceIp), httpOnly: false };
        case "remoteIpBlocks":
        case "remote.ip":
          return { test: ipMatcher(values, (r) => r.remoteIp), httpOnly: false };
        case "destination.ip":
          return { test: ipMatcher(values, (r) => r.destinationIp), httpOnly: false };
        case "ports":
        case "destination.port":
          return { test: portMatcher(values), httpOnly: false };
        case "connection.sni":
          return {
            test: stringFieldMatcher(values, (r) => r.sni === "" ? void 0 : r.sni, "non-empty"),
            httpOnly: false
          };
        case "requestPrincipals":
        case "request.auth.principal":
          return { test: requestPrincipalMatcher(values), httpOnly: true };
        case "request.auth.audiences":
          return { test: claimMatcher(["aud"], values), httpOnly: true };
        case "request.auth.presenter":
          return { test: claimMatcher(["azp"], values), httpOnly: true };
        case "hosts": {
          const m = anyOf(values.map(compileHostMatcher));
          return { test: (r) => r.http !== null && m(r.http.host), httpOnly: true };
        }
        case "methods":
          return { test: stringFieldMatcher(values, (r) => r.http?.method, "present"), httpOnly: true };
        case "paths": {
          const matchers = values.map(compilePathMatcher);
          return {
            test: (r) => {
              if (!r.http) return false;
              for (const m of matchers) if (m(r.http.path)) return true;
              return false;
            },
            httpOnly: true
          };
        }
        default: {
          const claims = bracketPath(field, "request.auth.claims");
          if (claims) return { test: claimMatcher(claims, values), httpOnly: true };
          const header = bracketPath(field, "request.headers");
          if (header && header.length === 1)
            return { test: headerMatcher(header[0] ?? "", values), httpOnly: true };
          if (field.startsWith("experimental.envoy.filters.")) return { test: () => false, httpOnly: false };
          return null;
        }
      }
    }
  };
}

// packages/evaluator/src/authz/compile.ts
var SOURCE_FIELDS = [
  ["principals", "notPrincipals"],
  ["requestPrincipals", "notRequestPrincipals"],
  ["namespaces", "notNamespaces"],
  ["serviceAccounts", "notServiceAccounts"],
  ["trustDomains", "notTrustDomains"],
  ["ipBlocks", "notIpBlocks"],
  ["remoteIpBlocks", "notRemoteIpBlocks"]
];
var OPERATION_FIELDS = [
  ["hosts", "notHosts"],
  ["ports", "notPorts"],
  ["methods", "notMethods"],
  ["paths", "notPaths"]
];
function fieldClauses(compiler, label, field, values, notValues) {
  const out = [];
  if (values && values.length) {
    const c = compiler.compile(field, values);
    if (c)
      out.push({
        label: `${label}.${field}`,
        httpOnly: c.httpOnly,
        peer: PEER_FIELDS.has(field),
        test: c.test
      });
  }
  if (notValues && notValues.length) {
    const c = compiler.compile(field, notValues);
    if (c) {
      const test = c.test;
      out.push({
        label: `${label}.not${field[0]?.toUpperCase()}${field.slice(1)}`,
        httpOnly: c.httpOnly,
        peer: PEER_FIELDS.has(field),
        test: (r) => !test(r)
      });
    }
  }
  return out;
}
function compileSource(compiler, source, label) {
  const clauses = SOURCE_FIELDS.flatMap(
    ([pos, neg]) => fieldClauses(compiler, label, pos, source[pos], source[neg])
  );
  return { clauses };
}
function compileOperation(compiler, op, label) {
  const clauses = OPERATION_FIELDS.flatMap(
    ([pos, neg]) => fieldClauses(compiler, label, pos, op[pos], op[neg])
  );
  return { clauses };
}
function compileConditions(compiler, when) {
  const clauses = [];
  let unknown = false;
  when.forEach((c, i) => {
    for (const [values, negate] of [
      [c.values, false],
      [c.notValues, true]
    ]) {
      if (!values?.length) continue;
      const compiled = compiler.compile(c.key, values);
      if (!compiled) {
        unknown = true;
        continue;
      }
      const test = compiled.test;
      clauses.push({
        label: `when[${i}] ${c.key} ${negate ? "notValues" : "values"}`,
        httpOnly: compiled.httpOnly,
        peer: PEER_FIELDS.has(c.key),
        test: negate ? (r) => !test(r) : test
      });
    }
  });
  return { conj: { clauses }, unknown };
}
function compilePolicy(policy, td) {
  const compiler = fieldCompiler(policy.meta.namespace, td);
  const rules = [];
  for (const rule of policy.rules ?? []) {
    if (rule.isNull) continue;
    const from = rule.from ? rule.from.map((s, i) => compileSource(compiler, s, `from[${i}].source`)) : null;
    const to = rule.to ? rule.to.map((o, i) => compileOperation(compiler, o, `to[${i}].operation`)) : null;
    const when = compileConditions(compiler, rule.when ?? []);
    if (when.unknown) continue;
    const all = [...from ?? [], ...to ?? [], when.conj].flatMap((c) => c.clauses);
    rules.push({ index: rule.index, from, to, when: when.conj, usesHttpOnly: all.some((c) => c.httpOnly) });
  }
  return { policy, rules };
}
function holds(conj, request, dropHttpOnly) {
  for (const clause of conj.clauses) {
    if (dropHttpOnly && clause.httpOnly) continue;
    if (!clause.test(request)) return false;
  }
  return true;
}
function anyHolds(list, request, dropHttpOnly) {
  if (list === null) return true;
  for (const conj of list) if (holds(conj, request, dropHttpOnly)) return true;
  return false;
}
function ruleMatches(rule, request, action) {
  const tcp = request.chain === "tcp";
  if (tcp && action === "ALLOW" && rule.usesHttpOnly) return "dropped";
  const drop = tcp;
  return anyHolds(rule.from, request, drop) && anyHolds(rule.to, request, drop) && holds(rule.when, request, drop);
}
function explainMiss(rule, request) {
  const drop = request.chain === "tcp";
  const describe = (list, what) => {
    if (list === null || anyHolds(list, request, drop)) return null;
    const failures = list.map(
      (conj) => conj.clauses.find((c) => !(drop && c.httpOnly) && !c.test(request))?.label ?? what
    );
    return `${failures.join(" / ")} did not match`;
  };
  return describe(rule.from, "from") ?? describe(rule.to, "to") ?? (rule.when.clauses.find((c) => !(drop && c.httpOnly) && !c.test(request))?.label ?? "when") + " did not match";
}

// packages/evaluator/src/authz/decide.ts
var rulePath = (p, index) => [...p.meta.basePath, "spec", "rules", index];
var policyName = (p) => `${p.meta.namespace}/${p.meta.name}`;
var PolicyCompiler = class {
  constructor(td) {
    this.td = td;
  }
  td;
  cache = /* @__PURE__ */ new WeakMap();
  compile(policy) {
    let compiled = this.cache.get(policy);
    if (!compiled) {
      compiled = compilePolicy(policy, this.td);
      this.cache.set(policy, compiled);
    }
    return compiled;
  }
};
function providerProblem(name, mesh) {
  if (!name) return "the CUSTOM policy names no provider";
  const provider = mesh.extensionProviders.find((p) => p.name === name);
  if (!provider) return `extension provider "${name}" is not defined in meshConfig (Mesh extensionProviders)`;
  const target = provider.envoyExtAuthzGrpc ?? provider.envoyExtAuthzHttp;
  if (!target)
    return `extension provider "${name}" is not an ext_authz provider (envoyExtAuthzGrpc/envoyExtAuthzHttp)`;
  if (target.service) {
    const host = resolveServiceHost(mesh, target.service.replace(/^[^/]+\//, ""), mesh.rootNamespace);
    if (!host || !mesh.services.has(`${host.service}.${host.namespace}`)) {
      return `extension provider "${name}": Service ${target.service} is not in the mesh registry`;
    }
  }
  if (target.port !== void 0 && (target.port < 1 || target.port > 65535)) {
    return `extension provider "${name}": port ${target.port} is invalid`;
  }
  return provider;
}
function buildPolicySet(policies, mesh, compiler) {
  const set = {
    custom: [],
    badCustom: [],
    provider: null,
    deny: [],
    allow: [],
    audit: [],
    dryRun: [],
    notes: [],
    decisive: null
  };
  const custom = policies.filter((p) => p.action === "CUSTOM");
  const providers = new Set(custom.map((p) => p.provider ?? ""));
  for (const p of policies) {
    if (p.dryRun && (p.action === "ALLOW" || p.action === "DENY")) {
      set.dryRun.push(compiler.compile(p));
      continue;
    }
    if (p.action === "ALLOW") set.allow.push(compiler.compile(p));
    else if (p.action === "DENY") set.deny.push(compiler.compile(p));
    else if (p.action === "AUDIT") set.audit.push(compiler.compile(p));
    else {
      const problem = providers.size > 1 ? `several CUSTOM providers (${[...providers].join(", ")}) apply to one workload, which Istio does not support` : providerProblem(p.provider, mesh);
      if (typeof problem === "string") {
        set.badCustom.push(compiler.compile(p));
        set.notes.push({
          stage: "custom",
          outcome: "info",
          message: `CUSTOM policy ${policyName(p)} is treated as DENY: ${problem}`,
          meta: p.meta,
          path: [...p.meta.basePath, "spec", "provider"]
        });
      } else {
        set.custom.push(compiler.compile(p));
        set.provider = problem;
      }
    }
  }
  return set;
}
function firstMatch(policies, request) {
  for (const compiled of policies) {
    for (const rule of compiled.rules) {
      if (ruleMatches(rule, request, compiled.policy.action) === true)
        return { policy: compiled.policy, rule: rule.index };
    }
  }
  return null;
}
function extAuthzAllows(provider, request) {
  const allowWhen = provider.simulate?.allowWhen;
  if (!allowWhen) return true;
  const headers = request.http?.headers ?? {};
  return allowWhen.some((c) => {
    const value = getOwn(headers, c.header);
    return value !== void 0 && c.values.includes(value);
  });
}
function decideCustom(set, request, trace = true) {
  const steps = trace ? set.notes.filter((n) => n.stage === "custom").map((n) => ({ ...n })) : [];
  const bad = firstMatch(set.badCustom, request);
  if (bad) {
    if (trace) {
      steps.push({
        stage: "custom",
        outcome: "fail",
        message: `rule ${bad.rule} of CUSTOM policy ${policyName(bad.policy)} matched; its provider is unusable, so istiod enforces it as DENY (RBAC: access denied)`,
        meta: bad.policy.meta,
        path: rulePath(bad.policy, bad.rule),
        rule: bad.rule
      });
    }
    return { denied: true, verdict: "denied", status: 403, steps };
  }
  if (set.custom.length === 0 || !set.provider)
    return { denied: false, verdict: "custom-denied", status: 0, steps };
  const provider = set.provider;
  if (request.chain === "tcp" && provider.envoyExtAuthzHttp) {
    if (trace)
      steps.push({
        stage: "custom",
        outcome: "skip",
        message: `CUSTOM provider "${provider.name}" is an HTTP ext_authz provider: not applied on TCP ports`
      });
    return { denied: false, verdict: "custom-denied", status: 0, steps };
  }
  const match = firstMatch(set.custom, request);
  if (!match) {
    if (trace)
      steps.push({
        stage: "custom",
        outcome: "pass",
        message: "no CUSTOM rule matched: ext_authz is not called"
      });
    return { denied: false, verdict: "custom-denied", status: 0, steps };
  }
  const allowed = extAuthzAllows(provider, request);
  const status = provider.simulate?.deniedStatus ?? 403;
  if (!trace) return { denied: !allowed, verdict: "custom-denied", status, steps };
  steps.push({
    stage: "custom",
    outcome: allowed ? "pass" : "fail",
    message: allowed ? `rule ${match.rule} of CUSTOM policy ${policyName(match.policy)} matched; ext_authz "${provider.name}" allowed the request` : `rule ${match.rule} of CUSTOM policy ${policyName(match.policy)} matched; ext_authz "${provider.name}" denied it (${request.chain === "http" ? status : "connection closed"})`,
    meta: match.policy.meta,
    path: rulePath(match.policy, match.rule),
    rule: match.rule
  });
  return { denied: !allowed, verdict: "custom-denied", status, steps };
}
function describeAllowMiss(set, request) {
  const steps = [];
  for (const compiled of set.allow) {
    const p = compiled.policy;
    if (compiled.rules.length === 0) {
      steps.push({
        stage: "allow",
        outcome: "info",
        message: `ALLOW policy ${policyName(p)} has no rules: it matches nothing (allow-nothing)`,
        meta: p.meta,
        path: [...p.meta.basePath, "spec"]
      });
      continue;
    }
    for (const rule of compiled.rules) {
      const matched = ruleMatches(rule, request, "ALLOW");
      steps.push({
        stage: "allow",
        outcome: "info",
        message: matched === "dropped" ? `rule ${rule.index} of ALLOW policy ${policyName(p)} uses HTTP-only attributes: on a TCP port the whole rule is dropped` : `rule ${rule.index} of ALLOW policy ${policyName(p)}: ${explainMiss(rule, request)}`,
        meta: p.meta,
        path: rulePath(p, rule.index),
        rule: rule.index
      });
    }
  }
  return steps;
}
function decideRbac(set, request, trace = true) {
  const steps = [];
  if (!trace) {
    const d = set.decisive;
    if (d) {
      for (const rule of d.deny)
        if (ruleMatches(rule, request, "DENY") === true) return { denied: true, steps };
      if (d.allowPolicies === 0) return { denied: false, steps };
      for (const rule of d.allow)
        if (ruleMatches(rule, request, "ALLOW") === true) return { denied: false, steps };
      return { denied: true, steps };
    }
    if (firstMatch(set.deny, request)) return { denied: true, steps };
    return { denied: set.allow.length > 0 && !firstMatch(set.allow, request), steps };
  }
  for (const compiled of set.dryRun) {
    const m = firstMatch([compiled], request);
    steps.push({
      stage: compiled.policy.action === "DENY" ? "deny" : "allow",
      outcome: "info",
      message: `dry-run ${compiled.policy.action} policy ${policyName(compiled.policy)} ${m ? `would match (rule ${m.rule})` : "would not match"}; dry-run never enforces`,
      meta: compiled.policy.meta,
      path: [...compiled.policy.meta.basePath, "metadata", "annotations"]
    });
  }
  const audit = firstMatch(set.audit, request);
  if (audit) {
    steps.push({
      stage: "audit",
      outcome: "info",
      message: `AUDIT policy ${policyName(audit.policy)} rule ${audit.rule} marks the request for auditing (never denies)`,
      meta: audit.policy.meta,
      path: rulePath(audit.policy, audit.rule),
      rule: audit.rule
    });
  }
  steps.push(...set.notes.filter((n) => n.stage !== "custom").map((n) => ({ ...n })));
  const deny = firstMatch(set.deny, request);
  if (deny) {
    steps.push({
      stage: "deny",
      outcome: "fail",
      message: `rule ${deny.rule} of DENY policy ${policyName(deny.policy)} matched${request.chain === "tcp" ? " (HTTP-only attributes are ignored on TCP, which widens a DENY)" : ""}`,
      meta: deny.policy.meta,
      path: rulePath(deny.policy, deny.rule),
      rule: deny.rule
    });
    return { denied: true, steps };
  }
  if (set.deny.length)
    steps.push({
      stage: "deny",
      outcome: "pass",
      message: `no DENY rule matched (${set.deny.length} DENY ${set.deny.length === 1 ? "policy" : "policies"})`
    });
  if (set.allow.length === 0) {
    steps.push({
      stage: "allow",
      outcome: "pass",
      message: "no ALLOW policy applies to this workload: allowed by default"
    });
    return { denied: false, steps };
  }
  const allow = firstMatch(set.allow, request);
  if (allow) {
    steps.push({
      stage: "allow",
      outcome: "pass",
      message: `rule ${allow.rule} of ALLOW policy ${policyName(allow.policy)} matched`,
      meta: allow.policy.meta,
      path: rulePath(allow.policy, allow.rule),
      rule: allow.rule
    });
    return { denied: false, steps };
  }
  steps.push(...describeAllowMiss(set, request));
  steps.push({
    stage: "allow",
    outcome: "fail",
    message: `ALLOW policies apply to this workload and none matched: denied${request.chain === "http" ? " (RBAC: access denied)" : " (connection closed)"}`
  });
  return { denied: true, steps };
}

// packages/evaluator/src/selection.ts
var GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
function attachReason(policy, workload, mesh) {
  const ns = policy.meta.namespace;
  const inRoot = ns === mesh.rootNamespace;
  if (!inRoot && ns !== workload.namespace) return null;
  if (policy.targetRefs.length > 0) {
    const gatewayName = workload.labels[GATEWAY_NAME_LABEL];
    if (gatewayName === void 0 || ns !== workload.namespace) return null;
    const attached = policy.targetRefs.some(
      (ref2) => ref2.kind === "Gateway" && ref2.name === gatewayName && (ref2.group === "" || ref2.group === "gateway.networking.k8s.io")
    );
    return attached ? "targetRef" : null;
  }
  if (policy.selector === null) return inRoot ? "mesh-wide" : "namespace-wide";
  return selects(policy.selector, workload.labels) ? "selector" : null;
}
var PolicyIndex = class {
  /** `rejected`: index the policies a cluster would have refused instead (to explain their absence). */
  constructor(policies, mesh, rejected = false) {
    this.mesh = mesh;
    for (const p of policies) {
      if (p.meta.rejected !== rejected) continue;
      const list = this.byNamespace.get(p.meta.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.meta.namespace, [p]);
    }
  }
  mesh;
  byNamespace = /* @__PURE__ */ new Map();
  /** Applicable policies in document order, each with why it applies. */
  forWorkload(workload) {
    const out = [];
    const visit2 = (list) => {
      for (const policy of list ?? []) {
        const reason = attachReason(policy, workload, this.mesh);
        if (reason) out.push({ policy, reason });
      }
    };
    visit2(this.byNamespace.get(this.mesh.rootNamespace));
    if (workload.namespace !== this.mesh.rootNamespace) visit2(this.byNamespace.get(workload.namespace));
    out.sort((a, b) => a.policy.meta.order - b.policy.meta.order);
    return out;
  }
};

// packages/evaluator/src/lint.ts
function warn(meta, code, message, range) {
  return {
    code,
    severity: "warning",
    message: `${meta.kind} ${meta.namespace}/${meta.name}: ${message}`,
    document: meta.document,
    range: range ?? null,
    resource: { kind: meta.kind, name: meta.name, namespace: meta.namespace, document: meta.document },
    ...sourceField(meta.source)
  };
}
var IDENTITY_FIELDS = ["principals", "namespaces", "serviceAccounts", "trustDomains"];
function acceptsPlaintext(w, pa) {
  if (!w.sidecar || w.gateway) return false;
  const ports = [...w.ports.map((p) => p.targetPort), ...w.listens];
  return ports.length === 0 ? pa.forWorkload(w).workload.mode !== "STRICT" : ports.some((p) => pa.forPort(w, p).mode !== "STRICT");
}
function authorizationLints(policy, targets, pa, rangeOf) {
  const out = [];
  const base = [...policy.meta.basePath, "spec", "rules"];
  const plaintextTargets = targets.filter((w) => acceptsPlaintext(w, pa));
  const servicePorts = new Set(targets.filter((w) => !w.gateway).flatMap((w) => w.ports.map((p) => p.port)));
  (policy.rules ?? []).forEach((rule) => {
    rule.from?.forEach((source, i) => {
      const field = IDENTITY_FIELDS.find((f2) => source[f2]?.length);
      if (!field || plaintextTargets.length === 0) return;
      const names = plaintextTargets.map((w) => w.key).join(", ");
      const accept = plaintextTargets.length === 1 ? "accepts" : "accept";
      const path = [...base, rule.index, "from", i, "source", field];
      if (policy.action === "DENY") {
        out.push(
          warn(
            policy.meta,
            "lint.deny-identity-plaintext",
            `rule ${rule.index} denies by ${field}, but ${names} also ${accept} plaintext, which carries no identity: a plaintext client from the same pod is not denied. Use STRICT mTLS, or deny by notPrincipals: ["*"] too`,
            rangeOf(policy.meta.document, path)
          )
        );
      } else if (policy.action === "ALLOW") {
        out.push(
          warn(
            policy.meta,
            "lint.allow-identity-plaintext",
            `rule ${rule.index} allows by ${field}, but ${names} also ${accept} plaintext: plaintext callers have no identity and are denied by this rule. Turn on STRICT mTLS so every caller has one`,
            rangeOf(policy.meta.document, path)
          )
        );
      }
    });
    const nonDefault = [...servicePorts].filter((p) => p !== 80 && p !== 443);
    rule.to?.forEach((op, i) => {
      const withPort = new Set(
        (op.hosts ?? []).flatMap((h) => h.includes(":") ? [h.slice(0, h.indexOf(":")).toLowerCase()] : [])
      );
      op.hosts?.forEach((host, j) => {
        if (host.includes(":") || host.endsWith("*") || withPort.has(host.toLowerCase())) return;
        if (nonDefault.length === 0) return;
        out.push(
          warn(
            policy.meta,
            "lint.hosts-without-port",
            `hosts "${host}" is compared with the whole Host header, which includes the port for Service port ${nonDefault.join(", ")} (e.g. "${host}:${nonDefault[0]}"): add "${host}:*" too`,
            rangeOf(policy.meta.document, [...base, rule.index, "to", i, "operation", "hosts", j])
          )
        );
      });
    });
  });
  return out;
}
function lintResources(resources, mesh, peerAuthentications, rangeOf) {
  const out = [];
  const attachable = [
    ...resources.authorizationPolicies,
    ...resources.requestAuthentications,
    ...resources.peerAuthentications
  ];
  for (const policy of attachable) {
    const meta = policy.meta;
    if (meta.rejected) continue;
    if (meta.namespace !== mesh.rootNamespace && !mesh.namespaces.has(meta.namespace)) {
      out.push(
        warn(
          meta,
          "lint.namespace-not-found",
          `namespace "${meta.namespace}" has no workloads in this mesh: the policy applies to nothing`,
          rangeOf(meta.document, [...meta.basePath, "metadata", "namespace"])
        )
      );
      continue;
    }
    const targetRefs = "targetRefs" in policy ? policy.targetRefs : [];
    const targets = mesh.workloads.filter(
      (w) => attachReason({ meta, selector: policy.selector, targetRefs }, w, mesh) !== null
    );
    if (targets.length === 0 && (policy.selector !== null || targetRefs.length > 0)) {
      out.push(
        warn(
          meta,
          "lint.no-matching-workloads",
          "no workload in the mesh matches its selector or targetRefs: the policy applies to nothing",
          rangeOf(meta.document, [
            ...meta.basePath,
            "spec",
            policy.selector !== null ? "selector" : "targetRefs"
          ])
        )
      );
    }
    if (meta.kind === "AuthorizationPolicy") {
      out.push(...authorizationLints(policy, targets, peerAuthentications, rangeOf));
    }
  }
  return out;
}

// packages/evaluator/src/mtls/client-tls.ts
function hostMatches(drHost, drNamespace, fqdn, trustDomain) {
  let host = drHost.toLowerCase();
  if (!host.includes(".") && host !== "*") host = `${host}.${drNamespace}.svc.${trustDomain}`;
  if (host === fqdn) return 1e3 + host.length;
  if (host === "*") return 1;
  if (host.startsWith("*.")) return fqdn.endsWith(host.slice(1)) ? 1 + host.length : 0;
  return 0;
}
function exportedTo(dr, clientNamespace) {
  if (dr.exportTo.length === 0) return true;
  return dr.exportTo.some(
    (e) => e === "*" || e === clientNamespace || e === "." && dr.meta.namespace === clientNamespace
  );
}
function selectDestinationRule(rules, mesh, client, server) {
  const fqdn = `${server.service}.${server.namespace}.svc.${mesh.trustDomain}`;
  const order = [client.namespace, server.namespace, mesh.rootNamespace];
  for (const ns of order) {
    let best = null;
    let bestScore = 0;
    for (const dr of rules) {
      if (dr.meta.rejected || dr.meta.namespace !== ns) continue;
      if (ns !== client.namespace && !exportedTo(dr, client.namespace)) continue;
      if (dr.workloadSelector && (ns !== client.namespace || !selects(dr.workloadSelector, client.labels)))
        continue;
      const score = hostMatches(dr.host, dr.meta.namespace, fqdn, mesh.trustDomain);
      if (score > bestScore) {
        best = dr;
        bestScore = score;
      }
    }
    if (best) return best;
  }
  return null;
}
function tlsFor(dr, servicePort, subset) {
  const modeOf = (tls) => tls ? tls.mode ?? "DISABLE" : null;
  const fromPolicy = (policy, path) => {
    if (!policy) return null;
    const portLevel = policy.portLevelSettings.find((p) => p.port === servicePort);
    if (portLevel)
      return {
        mode: modeOf(portLevel.tls),
        path: [...path, "portLevelSettings", portLevel.index, "tls"]
      };
    if (policy.tls) return { mode: modeOf(policy.tls), path: [...path, "tls"] };
    return null;
  };
  const sub = subset ? dr.subsets.find((s) => s.name === subset) : void 0;
  const fromSubset = sub ? fromPolicy(sub.trafficPolicy, ["spec", "subsets", sub.index, "trafficPolicy"]) : null;
  return fromSubset ?? fromPolicy(dr.trafficPolicy, ["spec", "trafficPolicy"]) ?? { mode: null, path: ["spec"] };
}
var DestinationRuleIndex = class {
  constructor(rules, mesh) {
    this.rules = rules;
    this.mesh = mesh;
    this.bySelector = rules.some((r) => r.workloadSelector !== null);
  }
  rules;
  mesh;
  cache = /* @__PURE__ */ new Map();
  candidates = /* @__PURE__ */ new Map();
  bySelector;
  /** DestinationRules whose host covers the server's Service, whatever the client. */
  candidatesOf(server) {
    let list = this.candidates.get(server);
    if (!list) {
      const fqdn = `${server.service}.${server.namespace}.svc.${this.mesh.trustDomain}`;
      list = this.rules.filter(
        (dr) => hostMatches(dr.host, dr.meta.namespace, fqdn, this.mesh.trustDomain) > 0
      );
      this.candidates.set(server, list);
    }
    return list;
  }
  select(client, server) {
    const candidates = this.candidatesOf(server);
    if (candidates.length === 0) return null;
    if (this.bySelector) return selectDestinationRule(candidates, this.mesh, client, server);
    let byNamespace = this.cache.get(server);
    if (!byNamespace) {
      byNamespace = /* @__PURE__ */ new Map();
      this.cache.set(server, byNamespace);
    }
    let found = byNamespace.get(client.namespace);
    if (found === void 0) {
      found = selectDestinationRule(candidates, this.mesh, client, server);
      byNamespace.set(client.namespace, found);
    }
    return found;
  }
};
function clientTls(mesh, destinationRules, peerAuthentications, client, server, servicePort, targetPort, subset = null) {
  const dr = destinationRules.select(client, server);
  if (dr) {
    const tls = tlsFor(dr, servicePort, subset);
    if (tls.mode) {
      const sends = tls.mode === "DISABLE" ? "PLAINTEXT" : tls.mode;
      return {
        sends,
        destinationRule: dr,
        tlsPath: [...dr.meta.basePath, ...tls.path],
        reason: `DestinationRule ${dr.meta.namespace}/${dr.meta.name} sets tls mode ${tls.mode}`
      };
    }
  }
  if (!mesh.enableAutoMtls) {
    return {
      sends: "PLAINTEXT",
      destinationRule: null,
      tlsPath: null,
      reason: "auto mTLS is off (enableAutoMtls: false) and no DestinationRule sets TLS: plaintext"
    };
  }
  if (!server.sidecar || server.gateway) {
    return {
      sends: "PLAINTEXT",
      destinationRule: null,
      tlsPath: null,
      reason: "auto mTLS: the endpoint has no sidecar, so the client sends plaintext"
    };
  }
  const serverPa = peerAuthentications.forWorkload(server);
  if (serverPa.namespace.mode === "DISABLE") {
    return {
      sends: "PLAINTEXT",
      destinationRule: null,
      tlsPath: null,
      reason: `auto mTLS: the ${serverPa.namespace.origin}-level mode of namespace ${server.namespace} is DISABLE, so the cluster sends plaintext to every endpoint`
    };
  }
  const endpointMode = peerAuthentications.forPort(server, targetPort);
  if (endpointMode.mode === "DISABLE") {
    return {
      sends: "PLAINTEXT",
      destinationRule: null,
      tlsPath: null,
      reason: `auto mTLS: the endpoint's own mode for port ${targetPort} is DISABLE (${endpointMode.origin} level), so the client sends plaintext`
    };
  }
  return {
    sends: "ISTIO_MUTUAL",
    destinationRule: null,
    tlsPath: null,
    reason: "auto mTLS: the endpoint has a sidecar, so the client sends Istio mTLS"
  };
}
function handshake(sends, accepts) {
  switch (sends) {
    case "PLAINTEXT":
      if (accepts === "STRICT")
        return {
          ok: false,
          mtls: false,
          reason: "plaintext reached a STRICT server: no filter chain matches, the connection is closed"
        };
      return { ok: true, mtls: false, reason: "plaintext accepted" };
    case "ISTIO_MUTUAL":
      if (accepts === "STRICT" || accepts === "PERMISSIVE")
        return { ok: true, mtls: true, reason: "Istio mTLS accepted" };
      if (accepts === "DISABLE")
        return {
          ok: false,
          mtls: false,
          reason: "Istio mTLS reached a server with mode DISABLE: it has no TLS filter chain"
        };
      return {
        ok: false,
        mtls: false,
        reason: "Istio mTLS reached a workload without a sidecar: the plaintext app cannot speak TLS (WRONG_VERSION_NUMBER)"
      };
    case "SIMPLE":
    case "MUTUAL":
      if (accepts === "PLAINTEXT_ONLY")
        return { ok: false, mtls: false, reason: `${sends} TLS origination reached a plaintext app` };
      if (accepts === "STRICT")
        return {
          ok: false,
          mtls: false,
          reason: `${sends} TLS carries no mesh client certificate, which STRICT requires`
        };
      return {
        ok: false,
        mtls: false,
        reason: `${sends} TLS without Istio ALPN matches no filter chain of a ${accepts} server`
      };
  }
}

// packages/evaluator/src/mtls/peer-authentication.ts
function olderFirst(a, b) {
  const ta = a.meta.creationTimestamp ?? Number.POSITIVE_INFINITY;
  const tb = b.meta.creationTimestamp ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.meta.order - b.meta.order;
}
var isSet = (mode) => mode !== null && mode !== "UNSET";
var emptySelector = (s) => s === null || Object.keys(s).length === 0;
var PeerAuthenticationIndex = class {
  constructor(policies, mesh) {
    this.mesh = mesh;
    for (const p of [...policies].filter((p2) => !p2.meta.rejected).sort(olderFirst)) {
      const list = this.byNamespace.get(p.meta.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.meta.namespace, [p]);
    }
  }
  mesh;
  byNamespace = /* @__PURE__ */ new Map();
  cache = /* @__PURE__ */ new Map();
  namespaceCache = /* @__PURE__ */ new Map();
  /** Mesh level, then namespace level, for workloads of `namespace`. */
  namespaceLevel(namespace) {
    const cached = this.namespaceCache.get(namespace);
    if (cached) return cached;
    const ignored = [];
    let decision = { mode: "PERMISSIVE", origin: "default", policy: null };
    const pick = (list, level) => {
      const candidates = list.filter((p) => emptySelector(p.selector));
      const [oldest, ...newer] = candidates;
      for (const p of newer) {
        ignored.push({
          policy: p,
          reason: `a ${level}-level PeerAuthentication already exists (${oldest?.meta.name}, older): the newer one is ignored`
        });
      }
      if (oldest && isSet(oldest.mode)) decision = { mode: oldest.mode, origin: level, policy: oldest };
    };
    const root = this.byNamespace.get(this.mesh.rootNamespace) ?? [];
    pick(root, "mesh");
    if (namespace !== this.mesh.rootNamespace) pick(this.byNamespace.get(namespace) ?? [], "namespace");
    const result = { decision, ignored };
    this.namespaceCache.set(namespace, result);
    return result;
  }
  forWorkload(workload) {
    const cached = this.cache.get(workload.key);
    if (cached) return cached;
    const ns = this.namespaceLevel(workload.namespace);
    const ignored = [...ns.ignored];
    let workloadDecision = ns.decision;
    let workloadPolicy = null;
    for (const p of this.byNamespace.get(this.mesh.rootNamespace) ?? []) {
      if (!emptySelector(p.selector) && p.selector && selects(p.selector, workload.labels)) {
        ignored.push({
          policy: p,
          reason: "PeerAuthentications with a selector in the root namespace are ignored for sidecars"
        });
      }
    }
    if (workload.namespace !== this.mesh.rootNamespace) {
      const matching = (this.byNamespace.get(workload.namespace) ?? []).filter(
        (p) => !emptySelector(p.selector) && p.selector !== null && selects(p.selector, workload.labels)
      );
      const [oldest, ...newer] = matching;
      for (const p of newer) {
        ignored.push({
          policy: p,
          reason: `several workload-level PeerAuthentications select this workload: the oldest (${oldest?.meta.name}) wins`
        });
      }
      if (oldest) {
        workloadPolicy = oldest;
        if (isSet(oldest.mode)) workloadDecision = { mode: oldest.mode, origin: "workload", policy: oldest };
      }
    }
    const result = {
      workload: workloadDecision,
      namespace: ns.decision,
      workloadPolicy,
      ignored
    };
    this.cache.set(workload.key, result);
    return result;
  }
  /** The mode the server sidecar enforces on a workload (container) port. */
  forPort(workload, targetPort) {
    const resolved = this.forWorkload(workload);
    const entry = resolved.workloadPolicy?.portLevelMtls.find((p) => p.port === targetPort);
    if (entry && isSet(entry.mode)) {
      return { mode: entry.mode, origin: "port", policy: resolved.workloadPolicy, port: targetPort };
    }
    return resolved.workload;
  }
};

// packages/evaluator/src/resources/values.ts
var IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
var HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
function isIPv4(s) {
  return IPV4.test(s);
}
function isIPv6(s) {
  if (!s.includes(":")) return false;
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groupsOf = (part, last) => {
    if (part === "") return 0;
    const groups2 = part.split(":");
    let count = 0;
    for (let i = 0; i < groups2.length; i++) {
      const g = groups2[i] ?? "";
      if (last && i === groups2.length - 1 && g.includes(".")) {
        if (!isIPv4(g)) return null;
        count += 2;
      } else if (HEX_GROUP.test(g)) {
        count += 1;
      } else {
        return null;
      }
    }
    return count;
  };
  if (halves.length === 1) return groupsOf(s, true) === 8;
  const head = groupsOf(halves[0] ?? "", false);
  const tail = groupsOf(halves[1] ?? "", true);
  return head !== null && tail !== null && head + tail <= 7;
}
function isIP(s) {
  const zone = s.indexOf("%");
  if (zone >= 0) return zone < s.length - 1 && isIPv6(s.slice(0, zone));
  return isIPv4(s) || isIPv6(s);
}
function checkIpOrCidr(value) {
  const slash = value.indexOf("/");
  if (slash < 0) return isIP(value) ? null : `bad IP address (${value})`;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  if (max < 0) return `bad CIDR range (${value}): "${ip}" is not an IP address`;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > max) {
    return `bad CIDR range (${value}): the prefix length must be 0-${max}`;
  }
  return null;
}
function checkPort(value) {
  if (!/^\d+$/.test(value)) return `bad port (${value}): must be a decimal integer 0-65535`;
  const n = Number(value);
  if (n < 0 || n > 65535) return `bad port (${value}): must be in the range 0-65535`;
  return null;
}
var TEMPLATE_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;
function containsPathTemplate2(path) {
  return path.includes("{*}") || path.includes("{**}");
}
function checkPathTemplate(path) {
  const hasTemplate = containsPathTemplate2(path);
  const segments = path.replace(/^\/+|\/+$/g, "").split("/");
  let sawMatchAny = false;
  for (const segment of segments) {
    if (segment === "{*}" || segment === "{**}") {
      if (sawMatchAny) return `invalid path ${path}: {**} is not the last operator`;
      if (segment === "{**}") sawMatchAny = true;
      continue;
    }
    if (segment.includes("{") || segment.includes("}")) {
      return `invalid path ${path}: contains '{' or '}' beyond a supported path template ({*} or {**} as a whole segment)`;
    }
    if (hasTemplate && !TEMPLATE_LITERAL.test(segment)) {
      return `invalid path ${path}: segment "${segment}" is not a valid literal in a path template (RFC 3986 pchars, no '*')`;
    }
  }
  return null;
}
function checkServiceAccount(value) {
  if (value.includes("*")) return `wildcard not allowed in service account "${value}"`;
  const parts = value.split("/");
  if (parts.length > 2 || parts.some((p) => p === "")) {
    return `service account "${value}": expected format 'serviceAccount' or 'namespace/serviceAccount'`;
  }
  if (value.length > 320)
    return `service account "${value.slice(0, 40)}\u2026": value cannot exceed 320 characters`;
  return null;
}
function checkTrustDomain(value) {
  const stars = value.split("*").length - 1;
  if (stars > 1) return `trust domain "${value}": at most one wildcard is allowed`;
  if (stars === 1 && !value.startsWith("*") && !value.endsWith("*")) {
    return `trust domain "${value}": wildcard is only allowed at the start or end`;
  }
  if (value.includes("/")) return `trust domain "${value}": trust domain must not contain '/'`;
  return null;
}
function checkMapKey(key) {
  const open = key.indexOf("[");
  if (key.endsWith("]") && open > 0 && open < key.length - 2) return null;
  return `bad key (${key}): should have format a[b]`;
}
var CUSTOM_UNSUPPORTED_KEYS = [
  "source.namespace",
  "source.principal",
  "source.serviceAccount",
  "source.trustDomain"
];
function checkAttribute(key, values) {
  const each = (check) => {
    for (const v of values) {
      const problem = check(v);
      if (problem !== null) return { code: "authz.condition-bad-value", message: problem };
    }
    return null;
  };
  if (values.some((v) => v === "")) {
    return { code: "authz.empty-value", message: `empty value not allowed, found in ${key}` };
  }
  const mapKey = () => {
    const problem = checkMapKey(key);
    return problem === null ? null : { code: "authz.condition-bad-key", message: problem };
  };
  if (key.startsWith("request.headers")) return mapKey();
  if (key.startsWith("request.experimental.inline.headers")) return mapKey();
  if (key.startsWith("request.auth.claims")) return mapKey();
  if (key.startsWith("experimental.envoy.filters.")) return mapKey();
  switch (key) {
    case "source.ip":
    case "remote.ip":
    case "destination.ip":
      return each(checkIpOrCidr);
    case "destination.port":
      return each(checkPort);
    case "source.serviceAccount":
      return each(checkServiceAccount);
    case "source.trustDomain":
      return each(checkTrustDomain);
    case "source.namespace":
    case "source.principal":
    case "request.auth.principal":
    case "request.auth.audiences":
    case "request.auth.presenter":
    case "connection.sni":
      return null;
    case "destination.namespace":
      return {
        code: "authz.condition-unsupported-key",
        message: `attribute ${key} is replaced by the metadata.namespace (put the policy in that namespace)`
      };
    case "destination.name":
    case "destination.user":
      return {
        code: "authz.condition-unsupported-key",
        message: `deprecated attribute ${key}: only supported in v1alpha1`
      };
    default:
      if (key.startsWith("destination.labels")) {
        return {
          code: "authz.condition-unsupported-key",
          message: `attribute ${key} is replaced by the workload selector (use spec.selector)`
        };
      }
      return { code: "authz.condition-unknown-key", message: `unknown attribute: ${key}` };
  }
}

// packages/evaluator/src/resources/authorization-rules.ts
var MAX_SERVICE_ACCOUNTS = 16;
var SOURCE_FIELDS2 = [
  "principals",
  "notPrincipals",
  "requestPrincipals",
  "notRequestPrincipals",
  "namespaces",
  "notNamespaces",
  "serviceAccounts",
  "notServiceAccounts",
  "trustDomains",
  "notTrustDomains",
  "ipBlocks",
  "notIpBlocks",
  "remoteIpBlocks",
  "notRemoteIpBlocks"
];
var OPERATION_FIELDS2 = [
  "hosts",
  "notHosts",
  "ports",
  "notPorts",
  "methods",
  "notMethods",
  "paths",
  "notPaths"
];
var CUSTOM_UNSUPPORTED_SOURCE = [
  "principals",
  "notPrincipals",
  "requestPrincipals",
  "notRequestPrincipals",
  "namespaces",
  "notNamespaces",
  "serviceAccounts",
  "notServiceAccounts",
  "trustDomains",
  "notTrustDomains"
];
var TCP_SOURCE_FIELDS = SOURCE_FIELDS2.filter(
  (f2) => f2 !== "requestPrincipals" && f2 !== "notRequestPrincipals"
);
var IP_FIELDS = ["ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks"];
function setCount(obj, fields) {
  const rec = obj;
  return fields.reduce((n, f2) => n + (rec[f2]?.length ?? 0), 0);
}
function readValues(r, obj, field, at, label) {
  const values = r.stringList(obj, field, at);
  values?.forEach((v, i) => {
    if (v === "") {
      r.error("authz.empty-value", [...at, field, i], `empty value not allowed, found in ${label}.${field}`);
    }
  });
  return values;
}
function readSource(r, src, at, action) {
  r.fields(src, at, SOURCE_FIELDS2);
  const source = {};
  for (const field of SOURCE_FIELDS2) {
    const values = readValues(r, src, field, at, "from.source");
    if (values !== void 0) source[field] = values;
  }
  if (setCount(source, SOURCE_FIELDS2) === 0) {
    r.error("authz.source-empty", at, "`from.source` must not be empty: set at least one field");
  }
  for (const field of IP_FIELDS) {
    (source[field] ?? []).forEach((v, i) => {
      const problem = v === "" ? null : checkIpOrCidr(v);
      if (problem !== null)
        r.error("authz.bad-ip", [...at, field, i], `${problem} in ${formatPath([...at, field])}`);
    });
  }
  for (const field of ["serviceAccounts", "notServiceAccounts"]) {
    const values = source[field] ?? [];
    if (values.length > MAX_SERVICE_ACCOUNTS) {
      r.error(
        "authz.service-accounts",
        [...at, field],
        `${field} may not have more than ${MAX_SERVICE_ACCOUNTS} values`
      );
    }
    values.forEach((v, i) => {
      const problem = v === "" ? null : checkServiceAccount(v);
      if (problem !== null) r.error("authz.service-accounts", [...at, field, i], problem);
    });
  }
  if (setCount(source, ["serviceAccounts", "notServiceAccounts"]) > 0 && setCount(source, ["principals", "notPrincipals", "namespaces", "notNamespaces"]) > 0) {
    r.error(
      "authz.service-accounts-with-principals",
      at,
      "cannot set serviceAccounts with namespaces or principals in the same source"
    );
  }
  for (const field of ["trustDomains", "notTrustDomains"]) {
    (source[field] ?? []).forEach((v, i) => {
      const problem = v === "" ? null : checkTrustDomain(v);
      if (problem !== null) r.error("authz.trust-domains", [...at, field, i], problem);
    });
  }
  if (action === "CUSTOM") {
    for (const field of CUSTOM_UNSUPPORTED_SOURCE) {
      if ((source[field]?.length ?? 0) > 0) {
        r.error(
          "authz.custom-unsupported",
          [...at, field],
          `from.source.${field} is currently not supported with CUSTOM action (CUSTOM runs before authentication)`,
          { key: true }
        );
      }
    }
  }
  for (const field of ["principals", "notPrincipals"]) {
    (source[field] ?? []).forEach((v, i) => lintPrincipal(r, v, [...at, field, i]));
  }
  return source;
}
function lintPrincipal(r, value, at) {
  if (value.startsWith("spiffe://")) {
    r.warning(
      "lint.principal-spiffe-prefix",
      at,
      `principal "${value}" starts with spiffe://, which Istio adds itself; it never matches. Write "${value.slice("spiffe://".length)}"`
    );
  }
}
function readOperation(r, op, at) {
  r.fields(op, at, OPERATION_FIELDS2);
  const operation = {};
  for (const field of OPERATION_FIELDS2) {
    const values = readValues(r, op, field, at, "to.operation");
    if (values !== void 0) operation[field] = values;
  }
  if (setCount(operation, OPERATION_FIELDS2) === 0) {
    r.error("authz.operation-empty", at, "`to.operation` must not be empty: set at least one field");
  }
  for (const field of ["ports", "notPorts"]) {
    (operation[field] ?? []).forEach((v, i) => {
      const problem = v === "" ? null : checkPort(v);
      if (problem !== null) r.error("authz.bad-port", [...at, field, i], problem);
    });
  }
  for (const field of ["paths", "notPaths"]) {
    (operation[field] ?? []).forEach((v, i) => {
      const problem = checkPathTemplate(v);
      if (problem !== null) r.error("authz.bad-path-template", [...at, field, i], problem);
      else if (v !== "" && !v.startsWith("/") && !v.startsWith("*")) {
        r.warning(
          "lint.path-no-leading-slash",
          [...at, field, i],
          `path "${v}" does not start with "/"; request paths always do, so it never matches`
        );
      }
    });
  }
  for (const field of ["methods", "notMethods"]) {
    (operation[field] ?? []).forEach((v, i) => {
      if (v !== v.toUpperCase()) {
        r.warning(
          "lint.method-case",
          [...at, field, i],
          `method "${v}" is not upper-case; methods are matched case-sensitively, so it never matches. Write "${v.toUpperCase()}"`
        );
      }
    });
  }
  return operation;
}
function readCondition(r, cond, at, action) {
  r.fields(cond, at, ["key", "values", "notValues"]);
  const key = r.string(cond, "key", at) ?? "";
  const values = r.stringList(cond, "values", at);
  const notValues = r.stringList(cond, "notValues", at);
  const condition = { key };
  if (values !== void 0) condition.values = values;
  if (notValues !== void 0) condition.notValues = notValues;
  if (key === "") {
    r.error("authz.condition-key-empty", at, "`key` must not be empty in a when condition");
    return condition;
  }
  const keyPath = [...at, "key"];
  if ((values?.length ?? 0) === 0 && (notValues?.length ?? 0) === 0) {
    r.error(
      "authz.condition-values-required",
      at,
      `at least one of \`values\` or \`notValues\` must be set for key ${key}`
    );
  } else {
    const valueProblem = checkAttribute(key, values ?? []);
    const notValueProblem = checkAttribute(key, notValues ?? []);
    if (valueProblem !== null) {
      r.error(valueProblem.code, keyPath, `invalid \`value\` for \`key\` ${key}: ${valueProblem.message}`);
    } else if (notValueProblem !== null) {
      r.error(
        notValueProblem.code,
        keyPath,
        `invalid \`notValue\` for \`key\` ${key}: ${notValueProblem.message}`
      );
    }
  }
  if (action === "CUSTOM" && (CUSTOM_UNSUPPORTED_KEYS.includes(key) || key.startsWith("request.auth."))) {
    r.error(
      "authz.custom-unsupported",
      keyPath,
      `when key ${key} is currently not supported with CUSTOM action`
    );
  }
  if (key === "source.principal") {
    [...values ?? [], ...notValues ?? []].forEach((v) => lintPrincipal(r, v, keyPath));
  }
  return condition;
}
function readRule(r, raw, at, index, action) {
  const rule = { index, from: null, to: null, when: null, isNull: false };
  if (raw === null || raw === void 0) {
    r.error("authz.rule-nil", at, `\`rule\` must not be nil, found at rule ${index}`);
    return { ...rule, isNull: true };
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    r.error(
      "schema.type",
      at,
      `${formatPath(at)} must be a map, found ${Array.isArray(raw) ? "a list" : typeof raw}`
    );
    return { ...rule, isNull: true };
  }
  const dict = raw;
  r.fields(dict, at, ["from", "to", "when"]);
  const from = readEntries(
    r,
    dict,
    at,
    index,
    "from",
    "source",
    (source, path) => readSource(r, source, path, action)
  );
  if (from !== void 0) rule.from = from;
  const to = readEntries(r, dict, at, index, "to", "operation", (op, path) => readOperation(r, op, path));
  if (to !== void 0) rule.to = to;
  const when = r.list(dict, "when", at);
  if (when !== void 0) {
    rule.when = r.dictItems(when, [...at, "when"]).map(([cond, i]) => readCondition(r, cond, [...at, "when", i], action));
  }
  if (action === "DENY") warnDenyHttpOnly(r, rule, at);
  return rule;
}
function warnDenyHttpOnly(r, rule, at) {
  const fromHttpOnly = rule.from !== null && rule.from.length > 0 && rule.from.every((s) => setCount(s, TCP_SOURCE_FIELDS) === 0);
  const toHttpOnly = rule.to !== null && rule.to.length > 0 && rule.to.every((o) => setCount(o, ["ports", "notPorts"]) === 0);
  if (fromHttpOnly || toHttpOnly) {
    r.warning(
      "authz.deny-http-only",
      [...at, toHttpOnly ? "to" : "from"],
      "configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port",
      { key: true }
    );
  }
}
function readEntries(r, dict, at, index, listKey, entryKey, read) {
  const list = r.list(dict, listKey, at);
  if (list === void 0) return void 0;
  if (list.length === 0) {
    r.error(
      `authz.${listKey}-empty`,
      [...at, listKey],
      `\`${listKey}\` must not be empty, found at rule ${index}`
    );
  }
  const nilCode = entryKey === "source" ? "authz.source-nil" : "authz.operation-nil";
  return r.dictItems(list, [...at, listKey]).map(([entry, i]) => {
    const entryPath = [...at, listKey, i];
    r.fields(entry, entryPath, [entryKey]);
    const value = r.object(entry, entryKey, entryPath);
    if (value === void 0) {
      r.error(nilCode, entryPath, `\`${listKey}.${entryKey}\` must not be nil, found at rule ${index}`);
      return {};
    }
    return read(value, [...entryPath, entryKey]);
  });
}

// packages/evaluator/src/resources/policy-target.ts
var MAX_LABEL_VALUE = 63;
function readWorkloadSelector(r, spec, path, field = "selector") {
  const selector = r.object(spec, field, path);
  if (selector === void 0) return null;
  const at = [...path, field];
  r.fields(selector, at, ["matchLabels"]);
  const labels = r.stringMap(selector, "matchLabels", at) ?? emptyMap();
  const out = emptyMap();
  for (const key of ownKeys(labels)) {
    const value = labels[key] ?? "";
    const keyPath = [...at, "matchLabels", key];
    if (key === "") {
      r.error("selector.empty-key", keyPath, "empty key is not supported in selector", { key: true });
    } else if (key.includes("*") || value.includes("*")) {
      r.error("selector.wildcard", keyPath, `wildcard is not supported in selector (${key}: ${value})`);
    } else if (value.length > MAX_LABEL_VALUE) {
      r.error(
        "selector.label-value",
        keyPath,
        `label value for "${key}" is longer than ${MAX_LABEL_VALUE} characters`
      );
    }
    defineOwn(out, key, value);
  }
  if (ownKeys(out).length === 0) {
    r.warning(
      "selector.no-labels",
      at,
      `workload selector specified without labels; it selects every workload in scope (same as no ${field})`,
      { key: true }
    );
  }
  return out;
}
var ALLOWED_TARGETS = [
  { group: "gateway.networking.k8s.io", kind: "Gateway" },
  { group: "gateway.networking.k8s.io", kind: "GatewayClass" },
  { group: "", kind: "Service" },
  { group: "networking.istio.io", kind: "ServiceEntry" }
];
var TARGET_REF_FIELDS = ["group", "kind", "name", "namespace"];
function readTargetRef(r, ref2, at) {
  r.fields(ref2, at, TARGET_REF_FIELDS);
  const group = r.string(ref2, "group", at) ?? "";
  const kind = r.string(ref2, "kind", at) ?? "";
  const name = r.string(ref2, "name", at) ?? "";
  const namespace = r.string(ref2, "namespace", at);
  if (name === "") r.error("target-ref.name-required", at, "targetRef name must be set");
  if (kind === "") r.error("target-ref.kind-required", at, "targetRef kind must be set");
  else if (!ALLOWED_TARGETS.some((t2) => t2.group === (group === "core" ? "" : group) && t2.kind === kind)) {
    const allowed = ALLOWED_TARGETS.map((t2) => `${t2.group === "" ? "core" : t2.group}/${t2.kind}`).join(", ");
    r.error(
      "target-ref.kind",
      at,
      `targetRef must be to one of [${allowed}], found ${group === "" ? "core" : group}/${kind}`
    );
  }
  if (namespace !== void 0 && namespace !== "") {
    r.error(
      "target-ref.namespace",
      [...at, "namespace"],
      "targetRef namespace must not be set; cross namespace referencing is not supported"
    );
  }
  const out = { group, kind, name };
  if (namespace !== void 0 && namespace !== "") out.namespace = namespace;
  return out;
}
function readTargetRefs(r, spec, path, hasSelector) {
  const out = [];
  const single = r.object(spec, "targetRef", path);
  if (single !== void 0) out.push(readTargetRef(r, single, [...path, "targetRef"]));
  const many = r.list(spec, "targetRefs", path);
  if (many !== void 0) {
    if (single !== void 0) {
      r.error("target-ref.both", [...path, "targetRefs"], "only one of targetRef or targetRefs can be set", {
        key: true
      });
    }
    for (const [ref2, i] of r.dictItems(many, [...path, "targetRefs"])) {
      out.push(readTargetRef(r, ref2, [...path, "targetRefs", i]));
    }
  }
  if (hasSelector && (single !== void 0 || many !== void 0 && many.length > 0)) {
    r.error(
      "target-ref.with-selector",
      [...path, "selector"],
      "only one of targetRefs or workloadSelector can be set",
      {
        key: true
      }
    );
  }
  return out;
}

// packages/evaluator/src/resources/authorization-policy.ts
var SPEC_FIELDS = ["selector", "targetRef", "targetRefs", "rules", "action", "provider"];
var ACTIONS = ["ALLOW", "DENY", "AUDIT", "CUSTOM"];
var MAX_RULES = 512;
var DRY_RUN = "istio.io/dry-run";
function parseGoBool(value) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return null;
}
function readDryRun(r, meta, action) {
  if (!Object.prototype.hasOwnProperty.call(meta.annotations, DRY_RUN)) return false;
  const value = meta.annotations[DRY_RUN] ?? "";
  const at = ["metadata", "annotations", DRY_RUN];
  if (action !== "ALLOW" && action !== "DENY") {
    r.error(
      "authz.dry-run-action",
      at,
      `the annotation ${DRY_RUN} currently only supports action ALLOW/DENY, found action ${action}`,
      { key: true }
    );
    return false;
  }
  const parsed = parseGoBool(value);
  if (parsed === null) {
    r.error(
      "authz.dry-run-value",
      at,
      `the annotation ${DRY_RUN} has invalid value "${value}"; use "true" or "false"`
    );
    return false;
  }
  return parsed;
}
function readAuthorizationPolicy(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS);
  const selector = readWorkloadSelector(r, spec, at);
  const targetRefs = readTargetRefs(r, spec, at, selector !== null);
  const action = r.enumString(spec, "action", at, ACTIONS) ?? "ALLOW";
  let provider = null;
  const providerObj = r.object(spec, "provider", at);
  if (providerObj !== void 0) {
    r.fields(providerObj, [...at, "provider"], ["name"]);
    provider = r.string(providerObj, "name", [...at, "provider"]) ?? null;
  }
  if (action === "CUSTOM") {
    if (provider === null || provider === "") {
      r.error(
        "authz.custom-provider-required",
        [...at, "action"],
        "`provider.name` must not be empty for action CUSTOM"
      );
    }
  } else if (providerObj !== void 0) {
    r.error(
      "authz.provider-not-custom",
      [...at, "provider"],
      `\`provider\` must not be with non CUSTOM action (${action})`,
      {
        key: true
      }
    );
  }
  const rawRules = r.list(spec, "rules", at);
  const rules = rawRules?.map((raw, i) => readRule(r, raw, [...at, "rules", i], i, action)) ?? null;
  if ((rawRules?.length ?? 0) > MAX_RULES) {
    r.error(
      "schema.max-items",
      [...at, "rules"],
      `spec.rules has ${rawRules?.length} items, more than the ${MAX_RULES} allowed`,
      {
        key: true
      }
    );
  }
  if ((action === "DENY" || action === "CUSTOM") && (rules === null || rules.length === 0)) {
    r.error(
      action === "DENY" ? "authz.deny-without-rules" : "authz.custom-without-rules",
      rawRules === void 0 ? [...at, "action"] : [...at, "rules"],
      `${action} action without \`rules\` is meaningless (it would never match); add rules: [{}] to ${action === "DENY" ? "deny" : "check"} every request`
    );
  }
  return {
    meta,
    selector,
    targetRefs,
    action,
    provider,
    rules,
    dryRun: readDryRun(r, meta, action)
  };
}

// packages/evaluator/src/resources/destination-rule.ts
var SPEC_FIELDS2 = ["host", "trafficPolicy", "subsets", "exportTo", "workloadSelector"];
var TRAFFIC_POLICY_FIELDS = [
  "loadBalancer",
  "connectionPool",
  "outlierDetection",
  "tls",
  "portLevelSettings",
  "tunnel",
  "proxyProtocol",
  "retryBudget"
];
var PORT_POLICY_FIELDS = ["port", "loadBalancer", "connectionPool", "outlierDetection", "tls"];
var TLS_FIELDS = [
  "mode",
  "clientCertificate",
  "privateKey",
  "caCertificates",
  "credentialName",
  "subjectAltNames",
  "sni",
  "insecureSkipVerify",
  "caCrl"
];
var TLS_MODES = ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"];
function readTls(r, obj, at) {
  const tls = r.object(obj, "tls", at);
  if (tls === void 0) return null;
  r.fields(tls, [...at, "tls"], TLS_FIELDS);
  return { mode: r.enumString(tls, "mode", [...at, "tls"], TLS_MODES) ?? null };
}
function readTrafficPolicy(r, obj, at) {
  const policy = r.object(obj, "trafficPolicy", at);
  if (policy === void 0) return null;
  const pAt = [...at, "trafficPolicy"];
  r.fields(policy, pAt, TRAFFIC_POLICY_FIELDS);
  const portLevelSettings = [];
  const settings = r.list(policy, "portLevelSettings", pAt) ?? [];
  for (const [entry, index] of r.dictItems(settings, [...pAt, "portLevelSettings"])) {
    const eAt = [...pAt, "portLevelSettings", index];
    r.fields(entry, eAt, PORT_POLICY_FIELDS);
    const port = r.object(entry, "port", eAt);
    let number;
    if (port !== void 0) {
      r.fields(port, [...eAt, "port"], ["number"]);
      number = r.integer(port, "number", [...eAt, "port"]);
    }
    if (number === void 0 || number < 1 || number > 65535) {
      r.error(
        "dr.port-required",
        [...eAt, "port"],
        "portLevelSettings entries must have port.number 1-65535",
        {
          key: port !== void 0
        }
      );
      continue;
    }
    portLevelSettings.push({ port: number, tls: readTls(r, entry, eAt), index });
  }
  return { tls: readTls(r, policy, pAt), portLevelSettings };
}
function readLabels(r, obj, key, at) {
  return r.stringMap(obj, key, at) ?? {};
}
function readDestinationRule(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS2);
  const host = r.requiredString(spec, "host", at, "dr.host-required");
  const subsets = [];
  const seen = /* @__PURE__ */ new Set();
  for (const [raw, index] of r.dictItems(r.list(spec, "subsets", at) ?? [], [...at, "subsets"])) {
    const sAt = [...at, "subsets", index];
    r.fields(raw, sAt, ["name", "labels", "trafficPolicy"]);
    const name = r.requiredString(raw, "name", sAt, "dr.subset-name-required");
    if (name !== "" && seen.has(name))
      r.error("dr.subset-duplicate", [...sAt, "name"], `duplicate subset name "${name}"`);
    seen.add(name);
    subsets.push({
      name,
      labels: readLabels(r, raw, "labels", sAt),
      trafficPolicy: readTrafficPolicy(r, raw, sAt),
      index
    });
  }
  let workloadSelector = null;
  const selector = r.object(spec, "workloadSelector", at);
  if (selector !== void 0) {
    r.fields(selector, [...at, "workloadSelector"], ["matchLabels"]);
    workloadSelector = readLabels(r, selector, "matchLabels", [...at, "workloadSelector"]);
  }
  return {
    meta,
    host,
    exportTo: r.stringList(spec, "exportTo", at) ?? [],
    trafficPolicy: readTrafficPolicy(r, spec, at),
    subsets,
    workloadSelector
  };
}

// packages/evaluator/src/resources/gateway.ts
var SPEC_FIELDS3 = ["selector", "servers"];
var SERVER_FIELDS = ["port", "bind", "hosts", "tls", "defaultEndpoint", "name"];
var PORT_FIELDS = ["number", "protocol", "name", "targetPort"];
var TLS_FIELDS2 = [
  "httpsRedirect",
  "mode",
  "serverCertificate",
  "privateKey",
  "caCertificates",
  "caCrl",
  "credentialName",
  "credentialNames",
  "tlsCertificates",
  "subjectAltNames",
  "verifyCertificateSpki",
  "verifyCertificateHash",
  "minProtocolVersion",
  "maxProtocolVersion",
  "cipherSuites"
];
var TLS_MODES2 = [
  "PASSTHROUGH",
  "SIMPLE",
  "MUTUAL",
  "AUTO_PASSTHROUGH",
  "ISTIO_MUTUAL",
  "OPTIONAL_MUTUAL"
];
var PROTOCOLS = [
  "HTTP",
  "HTTPS",
  "HTTP2",
  "GRPC",
  "GRPC-WEB",
  "TCP",
  "TLS",
  "MONGO",
  "REDIS",
  "MYSQL",
  "UDP"
];
function readServer(r, raw, at, index) {
  r.fields(raw, at, SERVER_FIELDS);
  const port = r.object(raw, "port", at);
  let number = 0;
  let protocol = "";
  let name;
  if (port === void 0) {
    r.error("gateway.port-required", at, "server port is required");
  } else {
    const pAt = [...at, "port"];
    r.fields(port, pAt, PORT_FIELDS);
    number = r.integer(port, "number", pAt) ?? 0;
    if (number < 1 || number > 65535) r.error("gateway.port-number", pAt, "port.number must be 1-65535");
    protocol = r.requiredString(port, "protocol", pAt, "gateway.protocol-required");
    if (protocol !== "" && !PROTOCOLS.includes(protocol.toUpperCase())) {
      r.error(
        "gateway.protocol",
        [...pAt, "protocol"],
        `invalid protocol "${protocol}"; supported: ${PROTOCOLS.join(", ")}`
      );
    }
    name = r.string(port, "name", pAt);
  }
  const hosts = r.stringList(raw, "hosts", at) ?? [];
  if (hosts.length === 0)
    r.error("gateway.hosts-required", at, "server config must contain at least one host");
  let tlsMode = null;
  const tls = r.object(raw, "tls", at);
  if (tls !== void 0) {
    r.fields(tls, [...at, "tls"], TLS_FIELDS2);
    tlsMode = r.enumString(tls, "mode", [...at, "tls"], TLS_MODES2) ?? null;
  }
  const portOut = name === void 0 ? { number, protocol } : { number, name, protocol };
  return { index, port: portOut, hosts, tlsMode };
}
function readIstioGateway(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS3);
  const selector = r.stringMap(spec, "selector", at) ?? {};
  const rawServers = r.list(spec, "servers", at) ?? [];
  if (rawServers.length === 0)
    r.error("gateway.servers-required", at, "gateway must have at least one server");
  const servers = r.dictItems(rawServers, [...at, "servers"]).map(([raw, i]) => readServer(r, raw, [...at, "servers", i], i));
  return { meta, selector, servers };
}

// packages/evaluator/src/resources/http-route.ts
var SPEC_FIELDS4 = ["parentRefs", "hostnames", "rules", "useDefaultGateways"];
var PARENT_REF_FIELDS = ["group", "kind", "namespace", "name", "sectionName", "port"];
var RULE_FIELDS = [
  "name",
  "matches",
  "filters",
  "backendRefs",
  "timeouts",
  "retry",
  "sessionPersistence"
];
var MATCH_FIELDS = ["path", "headers", "queryParams", "method"];
var BACKEND_FIELDS = ["group", "kind", "name", "namespace", "port", "weight", "filters"];
var PATH_TYPES = ["Exact", "PathPrefix", "RegularExpression"];
var HEADER_TYPES = ["Exact", "RegularExpression"];
var METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
var DEFAULT_PATH = { type: "PathPrefix", value: "/" };
function readParentRef(r, raw, at) {
  r.fields(raw, at, PARENT_REF_FIELDS);
  const out = { name: r.requiredString(raw, "name", at, "http-route.parent-name-required") };
  const namespace = r.string(raw, "namespace", at);
  const sectionName = r.string(raw, "sectionName", at);
  const port = r.integer(raw, "port", at);
  const kind = r.string(raw, "kind", at);
  r.string(raw, "group", at);
  if (namespace !== void 0) out.namespace = namespace;
  if (sectionName !== void 0) out.sectionName = sectionName;
  if (port !== void 0) out.port = port;
  if (kind !== void 0) out.kind = kind;
  return out;
}
function checkRegex(r, value, at) {
  const error = regexError(value);
  if (error !== null) r.error("regex.unsupported", at, regexMessage(value, error));
}
function readMatch(r, raw, at) {
  r.fields(raw, at, MATCH_FIELDS);
  const out = {};
  const path = r.object(raw, "path", at);
  if (path === void 0) {
    out.path = { ...DEFAULT_PATH };
  } else {
    const pAt = [...at, "path"];
    r.fields(path, pAt, ["type", "value"]);
    const type = r.enumString(path, "type", pAt, PATH_TYPES) ?? "PathPrefix";
    const value = r.string(path, "value", pAt) ?? "/";
    if (type !== "RegularExpression" && !value.startsWith("/")) {
      r.error(
        "http-route.path-value",
        [...pAt, "value"],
        `path value "${value}" must be an absolute path starting with "/"`
      );
    }
    if (type === "RegularExpression") checkRegex(r, value, [...pAt, "value"]);
    out.path = { type, value };
  }
  const headers = r.list(raw, "headers", at);
  if (headers !== void 0) {
    out.headers = r.dictItems(headers, [...at, "headers"]).map(([h, i]) => {
      const hAt = [...at, "headers", i];
      r.fields(h, hAt, ["type", "name", "value"]);
      const type = r.enumString(h, "type", hAt, HEADER_TYPES) ?? "Exact";
      const name = r.requiredString(h, "name", hAt, "http-route.header-name-required");
      const value = r.string(h, "value", hAt) ?? "";
      if (type === "RegularExpression") checkRegex(r, value, [...hAt, "value"]);
      return { type, name, value };
    });
  }
  const method = r.enumString(raw, "method", at, METHODS);
  if (method !== void 0) out.method = method;
  return out;
}
function readBackendRef(r, raw, at) {
  r.fields(raw, at, BACKEND_FIELDS);
  const out = { name: r.requiredString(raw, "name", at, "http-route.backend-name-required") };
  const namespace = r.string(raw, "namespace", at);
  const port = r.integer(raw, "port", at);
  const weight = r.integer(raw, "weight", at);
  if (namespace !== void 0) out.namespace = namespace;
  if (port !== void 0) out.port = port;
  if (weight !== void 0) out.weight = weight;
  return out;
}
function readRule2(r, raw, at, index) {
  r.fields(raw, at, RULE_FIELDS);
  const rawMatches = r.list(raw, "matches", at);
  const matches = rawMatches === void 0 || rawMatches.length === 0 ? [{ path: { ...DEFAULT_PATH } }] : r.dictItems(rawMatches, [...at, "matches"]).map(([m, i]) => readMatch(r, m, [...at, "matches", i]));
  const backendRefs = r.dictItems(r.list(raw, "backendRefs", at) ?? [], [...at, "backendRefs"]).map(([b, i]) => readBackendRef(r, b, [...at, "backendRefs", i]));
  return { index, matches, backendRefs };
}
function readHttpRoute(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS4);
  const parentRefs = r.dictItems(r.list(spec, "parentRefs", at) ?? [], [...at, "parentRefs"]).map(([p, i]) => readParentRef(r, p, [...at, "parentRefs", i]));
  const hostnames = r.stringList(spec, "hostnames", at) ?? [];
  const rawRules = r.list(spec, "rules", at);
  const rules = rawRules === void 0 ? [{ index: 0, matches: [{ path: { ...DEFAULT_PATH } }], backendRefs: [] }] : r.dictItems(rawRules, [...at, "rules"]).map(([rule, i]) => readRule2(r, rule, [...at, "rules", i], i));
  return { meta, parentRefs, hostnames, rules };
}

// packages/evaluator/src/resources/kubernetes-gateway.ts
var SPEC_FIELDS5 = [
  "gatewayClassName",
  "listeners",
  "addresses",
  "infrastructure",
  "backendTLS",
  "allowedListeners",
  "tls",
  "defaultScope"
];
var LISTENER_FIELDS = ["name", "hostname", "port", "protocol", "tls", "allowedRoutes"];
var MAX_LISTENERS = 64;
function readListener(r, raw, at, index) {
  r.fields(raw, at, LISTENER_FIELDS);
  const name = r.requiredString(raw, "name", at, "k8s-gateway.listener-name-required");
  const protocol = r.requiredString(raw, "protocol", at, "k8s-gateway.listener-protocol-required");
  const port = r.integer(raw, "port", at);
  if (port === void 0 || port < 1 || port > 65535) {
    r.error(
      "k8s-gateway.listener-port",
      r.present(raw, "port") ? [...at, "port"] : at,
      "listener port must be 1-65535"
    );
  }
  const hostname = r.string(raw, "hostname", at);
  const out = { index, name, port: port ?? 0, protocol };
  if (hostname !== void 0) out.hostname = hostname;
  return out;
}
function readKubernetesGateway(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS5);
  const gatewayClassName = r.requiredString(spec, "gatewayClassName", at, "k8s-gateway.class-required");
  const raw = r.list(spec, "listeners", at) ?? [];
  if (raw.length === 0 || raw.length > MAX_LISTENERS) {
    r.error("k8s-gateway.listeners", at, `a Gateway needs 1-${MAX_LISTENERS} listeners`, {
      key: at.length > 0
    });
  }
  const listeners = r.dictItems(raw, [...at, "listeners"]).map(([l, i]) => readListener(r, l, [...at, "listeners", i], i));
  const names = /* @__PURE__ */ new Set();
  for (const l of listeners) {
    if (l.name !== "" && names.has(l.name)) {
      r.error(
        "k8s-gateway.listener-duplicate",
        [...at, "listeners", l.index, "name"],
        `duplicate listener name "${l.name}"`
      );
    }
    names.add(l.name);
  }
  return { meta, gatewayClassName, listeners };
}

// packages/evaluator/src/resources/meta.ts
var TOP_LEVEL_FIELDS = ["apiVersion", "kind", "metadata", "spec", "status"];
var METADATA_FIELDS = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields"
];
var RFC33392 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function rootOf(r) {
  const root = r.doc.value;
  if (isDict(root)) return root;
  r.error("schema.type", [], `the document must be a map, found ${root === null ? "nothing" : typeof root}`);
  return {};
}
function readMeta(r, root, apiVersion, order) {
  const metadata = r.object(root, "metadata", []) ?? {};
  const rawName = own(metadata, "name");
  const rawNamespace = own(metadata, "namespace");
  if (typeof rawName === "string") r.resource.name = rawName;
  if (typeof rawNamespace === "string" && rawNamespace !== "") r.resource.namespace = rawNamespace;
  r.fields(root, [], TOP_LEVEL_FIELDS);
  r.fields(metadata, ["metadata"], METADATA_FIELDS);
  const name = r.string(metadata, "name", ["metadata"]);
  if (name === void 0 || name === "") {
    const where = r.present(root, "metadata") ? ["metadata"] : [];
    r.error(
      "meta.name-required",
      where,
      "metadata.name is required; the API server refuses an object without a name",
      {
        key: where.length > 0
      }
    );
  }
  r.string(metadata, "namespace", ["metadata"]);
  let creationTimestamp = null;
  const ts = r.string(metadata, "creationTimestamp", ["metadata"]);
  if (ts !== void 0) {
    const ms = RFC33392.test(ts) ? Date.parse(ts.replace(" ", "T")) : NaN;
    if (Number.isNaN(ms)) {
      r.error(
        "schema.type",
        ["metadata", "creationTimestamp"],
        `metadata.creationTimestamp "${ts}" is not an RFC 3339 time (for example 2024-01-02T03:04:05Z)`
      );
    } else {
      creationTimestamp = ms;
    }
  }
  return {
    kind: r.resource.kind,
    name: r.resource.name,
    namespace: r.resource.namespace,
    document: r.doc.index,
    apiVersion,
    creationTimestamp,
    order,
    labels: r.stringMap(metadata, "labels", ["metadata"]) ?? {},
    annotations: r.stringMap(metadata, "annotations", ["metadata"]) ?? {},
    basePath: r.doc.basePath,
    rejected: false,
    ...sourceField(r.doc.source)
  };
}

// packages/evaluator/src/resources/peer-authentication.ts
var SPEC_FIELDS6 = ["selector", "mtls", "portLevelMtls"];
var MODES = ["UNSET", "DISABLE", "PERMISSIVE", "STRICT"];
function readMode(r, obj, at) {
  r.fields(obj, at, ["mode"]);
  return r.enumString(obj, "mode", at, MODES) ?? "UNSET";
}
function readPeerAuthentication(r, root, meta, rootNamespace) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS6);
  const selector = readWorkloadSelector(r, spec, at);
  const hasLabels = selector !== null && ownKeys(selector).length > 0;
  const mtls = r.object(spec, "mtls", at);
  const mode = mtls === void 0 ? null : readMode(r, mtls, [...at, "mtls"]);
  const portLevelMtls = [];
  const ports = r.object(spec, "portLevelMtls", at);
  if (ports !== void 0) {
    for (const key of ownKeys(ports)) {
      const portPath = [...at, "portLevelMtls", key];
      const port = /^\d+$/.test(key) ? Number(key) : NaN;
      if (!(port >= 1 && port <= 65535)) {
        r.error("peer.port-range", portPath, `portLevelMtls key "${key}" must be a port number 1-65535`, {
          key: true
        });
      }
      const entry = r.object(ports, key, [...at, "portLevelMtls"]);
      const portMode = entry === void 0 ? "UNSET" : readMode(r, entry, portPath);
      if (port >= 1 && port <= 65535) portLevelMtls.push({ port, mode: portMode });
    }
    if (!hasLabels) {
      r.error(
        "peer.port-level-requires-selector",
        [...at, "portLevelMtls"],
        "portLevelMtls requires selector: mesh/namespace peer authentication cannot have port level mTLS; add a selector with matchLabels",
        { key: true }
      );
    }
  }
  if (meta.namespace === rootNamespace && hasLabels) {
    r.warning(
      "peer.root-namespace-selector",
      [...at, "selector"],
      `PeerAuthentication with a workload selector in the root namespace "${rootNamespace}" is ignored for sidecars; put it in the workload namespace`,
      { key: true }
    );
  }
  return { meta, selector, mode, portLevelMtls };
}

// packages/evaluator/src/resources/request-authentication.ts
var SPEC_FIELDS7 = ["selector", "targetRef", "targetRefs", "jwtRules"];
var JWT_RULE_FIELDS = [
  "issuer",
  "audiences",
  "jwksUri",
  "jwks",
  "fromHeaders",
  "fromParams",
  "fromCookies",
  "outputPayloadToHeader",
  "forwardOriginalToken",
  "outputClaimToHeaders",
  "timeout",
  "spaceDelimitedClaims"
];
var DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
var UNIT_MS = {
  ns: 1e-6,
  us: 1e-3,
  \u00B5s: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5
};
function durationMs(value) {
  if (!DURATION.test(value)) return null;
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 0);
  }
  return total;
}
function checkJwksUri(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return `jwksUri "${value}" is not a valid URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `jwksUri "${value}": URI scheme "${url.protocol.replace(/:$/, "")}" is not supported; use http or https`;
  }
  return null;
}
function isJwksJson(value) {
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
function nonEmptyStrings(r, obj, field, at, what) {
  const values = r.stringList(obj, field, at) ?? [];
  values.forEach((v, i) => {
    if (v === "") r.error("jwt.empty-value", [...at, field, i], `${what} must be non-empty string`);
  });
  return values;
}
function readJwtRule(r, raw, at, index) {
  r.fields(raw, at, JWT_RULE_FIELDS);
  const issuer = r.requiredString(raw, "issuer", at, "jwt.issuer-required");
  const jwksUri = r.string(raw, "jwksUri", at) ?? null;
  const jwks = r.string(raw, "jwks", at) ?? null;
  if (jwksUri !== null && jwksUri !== "" && jwks !== null && jwks !== "") {
    r.error("jwt.jwks-both", [...at, "jwks"], "jwksUri and jwks cannot both be set; use one of them", {
      key: true
    });
  }
  if (jwks !== null && jwks !== "" && !isJwksJson(jwks)) {
    r.error(
      "jwt.jwks-parse",
      [...at, "jwks"],
      "jwks parse error: inline jwks must be a JSON Web Key or Key Set (a JSON object)"
    );
  }
  if (jwksUri !== null && jwksUri !== "") {
    const problem = checkJwksUri(jwksUri);
    if (problem !== null) r.error("jwt.jwks-uri", [...at, "jwksUri"], problem);
  }
  const fromHeaders = [];
  const headers = r.list(raw, "fromHeaders", at);
  if (headers !== void 0) {
    for (const [h, i] of r.dictItems(headers, [...at, "fromHeaders"])) {
      const hPath = [...at, "fromHeaders", i];
      r.fields(h, hPath, ["name", "prefix"]);
      const name = r.string(h, "name", hPath) ?? "";
      if (name === "")
        r.error("jwt.header-name-required", hPath, "location header name must be non-empty string");
      const prefix = r.string(h, "prefix", hPath);
      fromHeaders.push(prefix === void 0 ? { name } : { name, prefix });
    }
  }
  const outputClaimToHeaders = [];
  const claims = r.list(raw, "outputClaimToHeaders", at);
  if (claims !== void 0) {
    for (const [c, i] of r.dictItems(claims, [...at, "outputClaimToHeaders"])) {
      const cPath = [...at, "outputClaimToHeaders", i];
      r.fields(c, cPath, ["header", "claim"]);
      const header = r.string(c, "header", cPath) ?? "";
      const claim = r.string(c, "claim", cPath) ?? "";
      if (header === "")
        r.error("jwt.claim-header-required", cPath, "outputClaimToHeaders header must be non-empty string");
      if (claim === "")
        r.error("jwt.claim-header-required", cPath, "outputClaimToHeaders claim must be non-empty string");
      outputClaimToHeaders.push({ header, claim });
    }
  }
  const timeout = r.string(raw, "timeout", at);
  if (timeout !== void 0) {
    const ms = durationMs(timeout);
    if (ms === null || ms < 1) {
      r.error(
        "jwt.timeout",
        [...at, "timeout"],
        `timeout "${timeout}" must be a valid duration of at least 1ms (for example 5s)`
      );
    }
  }
  return {
    index,
    issuer,
    audiences: nonEmptyStrings(r, raw, "audiences", at, "audience"),
    jwksUri: jwksUri === "" ? null : jwksUri,
    jwks: jwks === "" ? null : jwks,
    fromHeaders,
    fromParams: nonEmptyStrings(r, raw, "fromParams", at, "location query"),
    fromCookies: nonEmptyStrings(r, raw, "fromCookies", at, "cookie name"),
    forwardOriginalToken: r.boolean(raw, "forwardOriginalToken", at) ?? false,
    outputPayloadToHeader: r.string(raw, "outputPayloadToHeader", at) || null,
    outputClaimToHeaders,
    spaceDelimitedClaims: r.stringList(raw, "spaceDelimitedClaims", at) ?? []
  };
}
function readRequestAuthentication(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS7);
  const selector = readWorkloadSelector(r, spec, at);
  const targetRefs = readTargetRefs(r, spec, at, selector !== null);
  const jwtRules = [];
  const rules = r.list(spec, "jwtRules", at);
  rules?.forEach((raw, i) => {
    const rulePath2 = [...at, "jwtRules", i];
    if (raw === null) r.error("jwt.rule-nil", rulePath2, `jwtRules[${i}] must not be null`);
    else {
      const rule = r.dict(raw, rulePath2);
      if (rule !== void 0) jwtRules.push(readJwtRule(r, rule, rulePath2, i));
    }
  });
  return { meta, selector, targetRefs, jwtRules };
}

// packages/evaluator/src/resources/virtual-service.ts
var SPEC_FIELDS8 = ["hosts", "gateways", "http", "tls", "tcp", "exportTo"];
var HTTP_ROUTE_FIELDS = [
  "name",
  "match",
  "route",
  "redirect",
  "directResponse",
  "delegate",
  "rewrite",
  "timeout",
  "retries",
  "fault",
  "mirror",
  "mirrors",
  "mirrorPercent",
  "mirrorPercentage",
  "corsPolicy",
  "headers"
];
var MATCH_FIELDS2 = [
  "name",
  "uri",
  "scheme",
  "method",
  "authority",
  "headers",
  "port",
  "sourceLabels",
  "gateways",
  "queryParams",
  "ignoreUriCase",
  "withoutHeaders",
  "sourceNamespace",
  "statPrefix"
];
var DESTINATION_FIELDS = ["destination", "weight", "headers"];
var STRING_MATCH_FIELDS = ["exact", "prefix", "regex"];
function readStringMatch(r, raw, at) {
  r.fields(raw, at, STRING_MATCH_FIELDS);
  const out = {};
  for (const f2 of STRING_MATCH_FIELDS) {
    const v = r.string(raw, f2, at);
    if (v !== void 0) out[f2] = v;
  }
  if (out.regex !== void 0) {
    const error = regexError(out.regex);
    if (error !== null) r.error("regex.unsupported", [...at, "regex"], regexMessage(out.regex, error));
  }
  if (Object.keys(out).length !== 1) {
    r.error("vs.string-match", at, "a string match must set exactly one of exact, prefix or regex");
  }
  return out;
}
function readOptionalMatch(r, obj, key, at) {
  const raw = r.object(obj, key, at);
  return raw === void 0 ? void 0 : readStringMatch(r, raw, [...at, key]);
}
function readMatch2(r, raw, at) {
  r.fields(raw, at, MATCH_FIELDS2);
  const out = {};
  const uri = readOptionalMatch(r, raw, "uri", at);
  const method = readOptionalMatch(r, raw, "method", at);
  const authority = readOptionalMatch(r, raw, "authority", at);
  if (uri) out.uri = uri;
  if (method) out.method = method;
  if (authority) out.authority = authority;
  const headers = r.object(raw, "headers", at);
  if (headers !== void 0) {
    const map = emptyMap();
    for (const name of ownKeys(headers)) {
      const h = r.object(headers, name, [...at, "headers"]);
      if (h !== void 0) defineOwn(map, name, readStringMatch(r, h, [...at, "headers", name]));
    }
    out.headers = map;
  }
  const port = r.integer(raw, "port", at);
  if (port !== void 0) out.port = port;
  return out;
}
function readDestination(r, raw, at) {
  r.fields(raw, at, DESTINATION_FIELDS);
  const dest = r.object(raw, "destination", at);
  const out = { host: "" };
  if (dest === void 0) {
    r.error("vs.destination-required", at, "route destination is required");
  } else {
    const dAt = [...at, "destination"];
    r.fields(dest, dAt, ["host", "subset", "port"]);
    out.host = r.requiredString(dest, "host", dAt, "vs.destination-host-required");
    const subset = r.string(dest, "subset", dAt);
    if (subset !== void 0) out.subset = subset;
    const port = r.object(dest, "port", dAt);
    if (port !== void 0) {
      r.fields(port, [...dAt, "port"], ["number"]);
      const n = r.integer(port, "number", [...dAt, "port"]);
      if (n !== void 0) out.port = n;
    }
  }
  const weight = r.integer(raw, "weight", at);
  if (weight !== void 0) out.weight = weight;
  return out;
}
function readHttpRoute2(r, raw, at, index) {
  r.fields(raw, at, HTTP_ROUTE_FIELDS);
  const match = r.dictItems(r.list(raw, "match", at) ?? [], [...at, "match"]).map(([m, i]) => readMatch2(r, m, [...at, "match", i]));
  const route = r.dictItems(r.list(raw, "route", at) ?? [], [...at, "route"]).map(([d, i]) => readDestination(r, d, [...at, "route", i]));
  const out = { index, match, route };
  const direct = r.object(raw, "directResponse", at);
  if (direct !== void 0) {
    r.fields(direct, [...at, "directResponse"], ["status", "body"]);
    const status = r.integer(direct, "status", [...at, "directResponse"]);
    if (status === void 0 || status < 200 || status > 599) {
      r.error(
        "vs.direct-response-status",
        [...at, "directResponse"],
        "directResponse.status must be an HTTP status 200-599",
        {
          key: true
        }
      );
    } else {
      out.directResponse = { status };
    }
  }
  if (route.length === 0 && direct === void 0 && !r.present(raw, "redirect") && !r.present(raw, "delegate")) {
    r.error("vs.route-required", at, "HTTP route, redirect, direct response or delegate is required");
  }
  return out;
}
function readVirtualService(r, root, meta) {
  const spec = r.object(root, "spec", []) ?? {};
  const at = ["spec"];
  r.fields(spec, at, SPEC_FIELDS8);
  const hosts = r.stringList(spec, "hosts", at) ?? [];
  const gateways = r.stringList(spec, "gateways", at) ?? [];
  if (hosts.length === 0) {
    r.warning(
      "vs.no-hosts",
      at,
      "virtual service has no hosts; it is only usable as a delegate of another virtual service",
      { key: true }
    );
  }
  const http = r.dictItems(r.list(spec, "http", at) ?? [], [...at, "http"]).map(([raw, i]) => readHttpRoute2(r, raw, [...at, "http", i], i));
  return { meta, hosts, gateways, http };
}

// packages/evaluator/src/resources/index.ts
var SECURITY = ["v1", "v1beta1"];
var NETWORKING = ["v1", "v1beta1", "v1alpha3"];
var GATEWAY_API = ["v1", "v1beta1"];
var KNOWN_KINDS = [
  { group: "security.istio.io", kind: "AuthorizationPolicy", versions: SECURITY },
  { group: "security.istio.io", kind: "PeerAuthentication", versions: SECURITY },
  { group: "security.istio.io", kind: "RequestAuthentication", versions: SECURITY },
  { group: "networking.istio.io", kind: "DestinationRule", versions: NETWORKING },
  { group: "networking.istio.io", kind: "Gateway", versions: NETWORKING },
  { group: "networking.istio.io", kind: "VirtualService", versions: NETWORKING },
  { group: "gateway.networking.k8s.io", kind: "Gateway", versions: GATEWAY_API },
  { group: "gateway.networking.k8s.io", kind: "HTTPRoute", versions: GATEWAY_API }
];
var WORKLOAD_GROUPS = ["", "apps", "batch", "rbac.authorization.k8s.io", "policy", "autoscaling"];
function emptyResourceSet() {
  return {
    authorizationPolicies: [],
    peerAuthentications: [],
    requestAuthentications: [],
    destinationRules: [],
    gateways: [],
    virtualServices: [],
    kubernetesGateways: [],
    httpRoutes: []
  };
}
function splitApiVersion(apiVersion) {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
function readDocument(doc, order, options, set) {
  const kind = typeof doc.kind === "string" ? doc.kind : "";
  const apiVersion = typeof doc.apiVersion === "string" ? doc.apiVersion : "";
  const r = new Reader(doc, kind === "" ? "Unknown" : kind);
  const root = rootOf(r);
  if (kind === "") {
    r.error(
      "resource.kind-missing",
      [],
      "the document has no kind; say which resource it is (for example kind: AuthorizationPolicy)"
    );
    return r.diagnostics;
  }
  const named = readNameAndNamespace(root);
  r.resource.name = named.name;
  r.resource.namespace = named.namespace;
  const { group, version } = splitApiVersion(apiVersion);
  const candidates = KNOWN_KINDS.filter((k) => k.kind === kind);
  const known = candidates.find((k) => k.group === group && k.versions.includes(version));
  if (known === void 0) {
    if (candidates.length > 0) {
      const accepted = candidates.flatMap((k) => k.versions.map((v) => `${k.group}/${v}`)).join(", ");
      r.error(
        "resource.unknown-api-version",
        [...r.present(root, "apiVersion") ? ["apiVersion"] : []],
        apiVersion === "" ? `apiVersion is missing; use one of ${accepted}` : `no matches for kind "${kind}" in version "${apiVersion}"; use one of ${accepted}`
      );
      return r.diagnostics;
    }
    const workload = WORKLOAD_GROUPS.includes(group);
    r.report(
      workload ? "info" : "warning",
      "resource.kind-not-simulated",
      r.present(root, "kind") ? ["kind"] : [],
      workload ? `kind ${kind} is not simulated; describe workloads in the Mesh document` : `kind ${kind} (${apiVersion || "no apiVersion"}) is not simulated; it is ignored`
    );
    return r.diagnostics;
  }
  const meta = readMeta(r, root, apiVersion, order);
  const finish = (resource, into) => {
    resource.meta.rejected = r.rejected;
    into.push(resource);
  };
  const key = `${known.group}/${known.kind}`;
  switch (key) {
    case "security.istio.io/AuthorizationPolicy":
      finish(readAuthorizationPolicy(r, root, meta), set.authorizationPolicies);
      break;
    case "security.istio.io/PeerAuthentication":
      finish(readPeerAuthentication(r, root, meta, options.rootNamespace), set.peerAuthentications);
      break;
    case "security.istio.io/RequestAuthentication":
      finish(readRequestAuthentication(r, root, meta), set.requestAuthentications);
      break;
    case "networking.istio.io/DestinationRule":
      finish(readDestinationRule(r, root, meta), set.destinationRules);
      break;
    case "networking.istio.io/Gateway":
      finish(readIstioGateway(r, root, meta), set.gateways);
      break;
    case "networking.istio.io/VirtualService":
      finish(readVirtualService(r, root, meta), set.virtualServices);
      break;
    case "gateway.networking.k8s.io/Gateway":
      finish(readKubernetesGateway(r, root, meta), set.kubernetesGateways);
      break;
    case "gateway.networking.k8s.io/HTTPRoute":
      finish(readHttpRoute(r, root, meta), set.httpRoutes);
      break;
  }
  return r.diagnostics;
}
function readNameAndNamespace(root) {
  const metadata = own(root, "metadata");
  const name = isDict(metadata) ? own(metadata, "name") : void 0;
  const namespace = isDict(metadata) ? own(metadata, "namespace") : void 0;
  return {
    name: typeof name === "string" ? name : "",
    namespace: typeof namespace === "string" && namespace !== "" ? namespace : "default"
  };
}
function shiftRange(range, lines, offset) {
  if (!range || lines === 0 && offset === 0) return range;
  return {
    start: { line: range.start.line + lines, column: range.start.column },
    end: { line: range.end.line + lines, column: range.end.column },
    offset: range.offset + offset,
    length: range.length
  };
}
function readMemoised(doc, order, options) {
  const origin = doc.origin ?? { offset: 0, line: 0 };
  const key = `resources\0${doc.source ?? ""}\0${doc.index}\0${order}\0${doc.basePath.join("/")}\0${options.rootNamespace}`;
  const cached = doc.memo?.get(key);
  if (cached) {
    const lines = origin.line - cached.origin.line;
    const offset = origin.offset - cached.origin.offset;
    return {
      origin,
      set: cached.set,
      diagnostics: cached.diagnostics.map((d) => ({ ...d, range: shiftRange(d.range, lines, offset) }))
    };
  }
  const set = emptyResourceSet();
  const read = { origin, set, diagnostics: readDocument(doc, order, options, set) };
  doc.memo?.set(key, read);
  return read;
}
function mergeInto(target, source) {
  for (const key of Object.keys(source)) {
    target[key].push(...source[key]);
  }
}
function readResources(docs, options) {
  const resources = emptyResourceSet();
  const diagnostics = [];
  docs.forEach((doc, order) => {
    try {
      const read = readMemoised(doc, order, options);
      diagnostics.push(...read.diagnostics);
      mergeInto(resources, read.set);
    } catch (err) {
      diagnostics.push({
        code: "resource.internal-error",
        severity: "error",
        message: `internal error while reading ${doc.kind ?? "document"} at ${formatPath(doc.basePath) || "document root"}: ${String(err)}`,
        document: doc.index,
        range: null,
        ...sourceField(doc.source)
      });
    }
  });
  return { resources, diagnostics };
}

// packages/evaluator/src/pipeline/engine.ts
var Engine = class {
  metadata;
  meshSpec;
  probesSpec;
  probePaths;
  droppedProbePaths;
  probesDocument;
  documents;
  diagnostics;
  mesh;
  resources;
  peerAuthentications;
  destinationRules;
  authorization;
  requestAuthentication;
  /** Policies that would attach but that a cluster refuses: named in traces so nobody wonders why they do nothing. */
  refusedAuthorization;
  refusedRequestAuthentication;
  /** Set by `prepare` (asynchronous JWT verification) before probes are evaluated. */
  jwt = { listed: /* @__PURE__ */ new Map(), verdicts: /* @__PURE__ */ new Map() };
  compiler;
  policySets = /* @__PURE__ */ new Map();
  providers = /* @__PURE__ */ new Map();
  documentsByIndex = /* @__PURE__ */ new Map();
  /**
   * `parsed`: the workspace's documents in order (a whole text's, or the parts' one after the
   * other). `compilers`: compiled policies kept across evaluations, per trust-domain configuration
   * (rules compile against it); resources re-read from unchanged documents are the same objects, so
   * their compiled rules are found again.
   */
  constructor(parsed, compilers) {
    const workspace = readWorkspace(parsed.documents);
    this.documents = parsed.documents;
    for (const d of workspace.resources)
      if (!this.documentsByIndex.has(d.index)) this.documentsByIndex.set(d.index, d);
    this.metadata = workspace.metadata;
    this.meshSpec = workspace.mesh;
    this.probesSpec = workspace.probes;
    this.probePaths = workspace.probePaths;
    this.droppedProbePaths = workspace.droppedProbePaths;
    this.probesDocument = workspace.probesDocument;
    this.mesh = buildMesh(workspace.mesh);
    const read = readResources(workspace.resources, { rootNamespace: this.mesh.rootNamespace });
    this.resources = read.resources;
    this.diagnostics = [...parsed.diagnostics, ...workspace.diagnostics, ...read.diagnostics];
    this.peerAuthentications = new PeerAuthenticationIndex(this.resources.peerAuthentications, this.mesh);
    this.destinationRules = new DestinationRuleIndex(
      this.resources.destinationRules.filter((r) => !r.meta.rejected),
      this.mesh
    );
    this.authorization = new PolicyIndex(this.resources.authorizationPolicies, this.mesh);
    this.requestAuthentication = new PolicyIndex(this.resources.requestAuthentications, this.mesh);
    this.refusedAuthorization = new PolicyIndex(this.resources.authorizationPolicies, this.mesh, true);
    this.refusedRequestAuthentication = new PolicyIndex(
      this.resources.requestAuthentications,
      this.mesh,
      true
    );
    this.diagnostics.push(
      ...lintResources(this.resources, this.mesh, this.peerAuthentications, (d, p) => this.rangeOf(d, p))
    );
    const trustDomains = { local: this.mesh.trustDomain, aliases: this.mesh.trustDomainAliases };
    const key = JSON.stringify(trustDomains);
    let compiler = compilers?.get(key);
    if (!compiler) {
      compiler = new PolicyCompiler(trustDomains);
      compilers?.clear();
      compilers?.set(key, compiler);
    }
    this.compiler = compiler;
  }
  /** The CUSTOM/DENY/ALLOW/AUDIT policies enforced by a workload's proxy, compiled once. */
  policySet(workload) {
    let set = this.policySets.get(workload.key);
    if (!set) {
      set = buildPolicySet(
        this.authorization.forWorkload(workload).map((a) => a.policy),
        this.mesh,
        this.compiler
      );
      this.policySets.set(workload.key, set);
    }
    return set;
  }
  /** jwtRules of every RequestAuthentication that applies to a workload. */
  jwtProviders(workload) {
    let list = this.providers.get(workload.key);
    if (!list) {
      list = this.requestAuthentication.forWorkload(workload).flatMap(({ policy }) => policy.jwtRules.map((rule) => ({ ra: policy, rule })));
      this.providers.set(workload.key, list);
    }
    return list;
  }
  allJwtProviders() {
    return this.resources.requestAuthentications.filter((r) => !r.meta.rejected).flatMap((ra) => ra.jwtRules.map((rule) => ({ ra, rule })));
  }
  /** Refused AuthorizationPolicies and RequestAuthentications that would otherwise apply to a workload. */
  refusedPolicies(workload) {
    return [
      ...this.refusedAuthorization.forWorkload(workload).map((a) => a.policy),
      ...this.refusedRequestAuthentication.forWorkload(workload).map((a) => a.policy)
    ];
  }
  /** Source range of a path inside a resource's document, for trace steps. */
  rangeOf(document2, path) {
    return this.documentsByIndex.get(document2)?.rangeOf(path);
  }
};

// packages/evaluator/src/gateway/route.ts
var hostOnly = (host) => host.toLowerCase().replace(/:\d+$/, "");
function hostMatches2(pattern, host) {
  const p = pattern.toLowerCase().replace(/^[^/]*\//, "");
  if (p === "*") return true;
  if (p.startsWith("*.")) return host.endsWith(p.slice(1));
  return p === host;
}
function stringMatch(m, value) {
  if (!m) return true;
  if (value === void 0) return false;
  if (m.exact !== void 0) return value === m.exact;
  if (m.prefix !== void 0) return value.startsWith(m.prefix);
  if (m.regex !== void 0) return regexFullMatch(m.regex, value);
  return true;
}
function lookupService(mesh, host, namespace) {
  const resolved = resolveServiceHost(mesh, host, namespace);
  if (!resolved) return null;
  return mesh.services.get(`${resolved.service}.${resolved.namespace}`)?.[0] ?? null;
}
function routeIstio(resources, mesh, gateway, req) {
  const host = hostOnly(req.host);
  const servers = resources.gateways.filter(
    (g) => !g.meta.rejected && Object.keys(g.selector).length > 0 && selects(g.selector, gateway.labels) && g.servers.some(
      (s) => (s.port.number === req.port || s.port.number === req.targetPort) && s.hosts.some((h) => hostMatches2(h, host))
    )
  );
  if (servers.length === 0)
    return {
      kind: "none",
      reason: `no Gateway selecting ${gateway.key} has a server for port ${req.port} and host ${host}`
    };
  const names = new Set(servers.flatMap((g) => [`${g.meta.namespace}/${g.meta.name}`]));
  for (const vs of resources.virtualServices) {
    if (vs.meta.rejected) continue;
    const bound = vs.gateways.some((g) => names.has(g.includes("/") ? g : `${vs.meta.namespace}/${g}`));
    if (!bound || !vs.hosts.some((h) => hostMatches2(h, host))) continue;
    for (const route of vs.http) {
      const matched = route.match.length === 0 || route.match.some(
        (m) => stringMatch(m.uri, req.path) && stringMatch(m.method, req.method) && stringMatch(m.authority, req.host) && (m.port === void 0 || m.port === req.port) && Object.entries(m.headers ?? {}).every(
          ([name, sm]) => stringMatch(sm, getOwn(req.headers, name.toLowerCase()))
        )
      );
      if (!matched) continue;
      const path = [...vs.meta.basePath, "spec", "http", route.index];
      if (route.directResponse)
        return {
          kind: "direct",
          status: route.directResponse.status,
          meta: vs.meta,
          path,
          rule: route.index
        };
      const destination = [...route.route].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))[0];
      if (!destination) continue;
      const backend = lookupService(mesh, destination.host, vs.meta.namespace);
      if (!backend)
        return {
          kind: "none",
          reason: `VirtualService ${vs.meta.namespace}/${vs.meta.name} routes to ${destination.host}, which is not a Service in the mesh`
        };
      const port = destination.port ?? (backend.ports.length === 1 ? backend.ports[0]?.port : void 0);
      if (port === void 0)
        return {
          kind: "none",
          reason: `VirtualService ${vs.meta.namespace}/${vs.meta.name}: destination ${destination.host} needs a port`
        };
      return {
        kind: "route",
        target: {
          backend,
          port,
          subset: destination.subset ?? null,
          meta: vs.meta,
          path,
          rule: route.index,
          description: `VirtualService ${vs.meta.namespace}/${vs.meta.name} http[${route.index}] \u2192 ${destination.host}:${port}`
        }
      };
    }
  }
  return {
    kind: "none",
    reason: `no VirtualService bound to ${[...names].join(", ")} routes ${host}${req.path}`
  };
}
function pathMatches(match, path) {
  if (!match) return path.startsWith("/");
  if (match.type === "Exact") return path === match.value;
  if (match.type === "RegularExpression") return regexFullMatch(match.value, path);
  let end = match.value.length;
  while (end > 0 && match.value.charCodeAt(end - 1) === 47) end--;
  const prefix = match.value.slice(0, end);
  return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
}
function routeGatewayApi(resources, mesh, gateway, req) {
  const name = gateway.labels[GATEWAY_NAME_LABEL];
  if (name === void 0) return null;
  const gw = resources.kubernetesGateways.find(
    (g) => !g.meta.rejected && g.meta.name === name && g.meta.namespace === gateway.namespace
  );
  if (!gw)
    return {
      kind: "none",
      reason: `Gateway ${gateway.namespace}/${name} (gateway.networking.k8s.io) is not defined`
    };
  const host = hostOnly(req.host);
  const listeners = gw.listeners.filter(
    (l) => l.port === req.port && (!l.hostname || hostMatches2(l.hostname, host))
  );
  if (listeners.length === 0)
    return {
      kind: "none",
      reason: `Gateway ${gw.meta.namespace}/${gw.meta.name} has no listener on port ${req.port} for ${host}`
    };
  for (const route of resources.httpRoutes) {
    if (route.meta.rejected) continue;
    const attached = route.parentRefs.some(
      (p) => p.name === gw.meta.name && (p.namespace ?? route.meta.namespace) === gw.meta.namespace && (!p.kind || p.kind === "Gateway") && // sectionName and port (when set) both narrow the attachment to matching listeners.
      listeners.some(
        (l) => (!p.sectionName || l.name === p.sectionName) && (p.port === void 0 || l.port === p.port)
      )
    );
    if (!attached) continue;
    if (route.hostnames.length && !route.hostnames.some((h) => hostMatches2(h, host))) continue;
    for (const rule of route.rules) {
      const matched = rule.matches.length === 0 || rule.matches.some(
        (m) => pathMatches(m.path, req.path) && (!m.method || m.method === req.method) && (m.headers ?? []).every((h) => {
          const value = getOwn(req.headers, h.name.toLowerCase());
          if (value === void 0) return false;
          return h.type === "RegularExpression" ? regexFullMatch(h.value, value) : value === h.value;
        })
      );
      if (!matched) continue;
      const ref2 = rule.backendRefs[0];
      const path = [...route.meta.basePath, "spec", "rules", rule.index];
      if (!ref2) return { kind: "direct", status: 500, meta: route.meta, path, rule: rule.index };
      const backend = lookupService(
        mesh,
        `${ref2.name}.${ref2.namespace ?? route.meta.namespace}`,
        route.meta.namespace
      );
      if (!backend) return { kind: "direct", status: 500, meta: route.meta, path, rule: rule.index };
      const port = ref2.port ?? backend.ports[0]?.port;
      if (port === void 0)
        return {
          kind: "none",
          reason: `HTTPRoute ${route.meta.namespace}/${route.meta.name}: backend ${ref2.name} has no port`
        };
      return {
        kind: "route",
        target: {
          backend,
          port,
          subset: null,
          meta: route.meta,
          path,
          rule: rule.index,
          description: `HTTPRoute ${route.meta.namespace}/${route.meta.name} rules[${rule.index}] \u2192 ${ref2.name}:${port}`
        }
      };
    }
  }
  return {
    kind: "none",
    reason: `no HTTPRoute attached to Gateway ${gw.meta.namespace}/${gw.meta.name} matches ${host}${req.path}`
  };
}
function routeAtGateway(resources, mesh, gateway, req) {
  return routeGatewayApi(resources, mesh, gateway, req) ?? routeIstio(resources, mesh, gateway, req);
}

// packages/evaluator/src/pipeline/hop.ts
function sniOf(input, trustDomain) {
  const s = input.server;
  return `outbound_.${input.servicePort}_.${input.subset ?? ""}_.${s.service}.${s.namespace}.svc.${trustDomain}`;
}
function statusFor(chain, verdict, httpStatus) {
  if (chain === "tcp")
    return verdict === "allowed" ? "connected" : verdict === "mtls-failure" ? "000" : "denied";
  return httpStatus === 0 ? "000" : String(httpStatus);
}
function stripTokens(request, outcome) {
  if (outcome.stripped.length === 0) return request;
  const headers = copyMap(request.headers);
  let path = request.path;
  for (const { in: where } of outcome.stripped) {
    const [kind, name = ""] = where.split(":");
    if (kind === "header") delete headers[name.toLowerCase()];
    if (kind === "query") {
      const q = path.indexOf("?");
      if (q !== -1) {
        const kept = path.slice(q + 1).split("&").filter((kv) => decodeURIComponent(kv.split("=")[0] ?? "") !== name);
        path = kept.length ? `${path.slice(0, q)}?${kept.join("&")}` : path.slice(0, q);
      }
    }
  }
  return { ...request, headers, path };
}
function stepServerMode(step, server, port, mode) {
  const where = mode.policy ? `${mode.origin}-level PeerAuthentication ${mode.policy.meta.namespace}/${mode.policy.meta.name}${mode.origin === "port" ? ` portLevelMtls ${port}` : ""}` : "no PeerAuthentication sets a mode: the default";
  step({
    stage: "server-tls",
    outcome: "info",
    message: `${server.key} sidecar accepts ${mode.mode} on port ${port} (${where})`,
    ...mode.policy ? {
      meta: mode.policy.meta,
      path: mode.origin === "port" ? [...mode.policy.meta.basePath, "spec", "portLevelMtls", String(port)] : [...mode.policy.meta.basePath, "spec", "mtls"]
    } : {}
  });
}
var NO_STEPS = [];
var ignoreStep = (_) => {
};
function hopResult(input, steps, verdict, httpStatus, mtls, remoteIp = input.clientIp, forwarded = input.request) {
  return { status: statusFor(input.chain, verdict, httpStatus), verdict, mtls, steps, forwarded, remoteIp };
}
function evaluateHop(engine, input) {
  const { client, server, chain, hop, trace } = input;
  const steps = trace ? [] : NO_STEPS;
  const step = trace ? (s) => void steps.push(Object.assign(s, { hop })) : ignoreStep;
  let sends = "PLAINTEXT";
  if (client?.sidecar || client?.gateway) {
    const tls = clientTls(
      engine.mesh,
      engine.destinationRules,
      engine.peerAuthentications,
      client,
      server,
      input.servicePort,
      input.targetPort,
      input.subset
    );
    sends = tls.sends;
    if (trace)
      step({
        stage: "client-tls",
        outcome: "info",
        message: `${client.key} proxy: ${tls.reason}`,
        ...tls.destinationRule ? { meta: tls.destinationRule.meta, path: tls.tlsPath ?? [] } : {}
      });
  } else if (trace) {
    step({
      stage: "client-tls",
      outcome: "info",
      message: `${client ? `${client.key} has no sidecar` : "the client is outside the mesh"}: it sends plaintext (DestinationRules do not apply)`
    });
  }
  let accepts = "PLAINTEXT_ONLY";
  if (server.gateway) {
    if (trace)
      step({
        stage: "server-tls",
        outcome: "info",
        message: `${server.key} is a gateway: its listener serves plaintext HTTP here (Gateway servers, not PeerAuthentication, govern it)`
      });
  } else if (server.sidecar) {
    const mode = engine.peerAuthentications.forPort(server, input.targetPort);
    accepts = mode.mode;
    if (trace) stepServerMode(step, server, input.targetPort, mode);
  } else if (trace) {
    step({
      stage: "server-tls",
      outcome: "info",
      message: `${server.key} has no sidecar: the app accepts plaintext only`
    });
  }
  const shake = handshake(sends, accepts);
  if (!shake.ok) {
    const viaSidecar = Boolean(client?.sidecar || client?.gateway);
    if (trace) {
      step({
        stage: "transport",
        outcome: "fail",
        message: `${shake.reason}${viaSidecar && chain === "http" ? ": the client sidecar answers 503" : ": the connection is reset (curl prints 000)"}`
      });
    }
    return hopResult(input, steps, "mtls-failure", viaSidecar && chain === "http" ? 503 : 0, null);
  }
  if (trace)
    step({
      stage: "transport",
      outcome: "pass",
      message: `connected over ${shake.mtls ? "mTLS" : "plaintext"}${shake.mtls ? ` as ${client?.principal ?? ""}` : " (no peer identity)"}`
    });
  if (!server.sidecar && !server.gateway) {
    if (trace)
      step({ stage: "allow", outcome: "pass", message: `${server.key} has no proxy: no policy is enforced` });
    return hopResult(input, steps, "allowed", 200, shake.mtls);
  }
  const peer = shake.mtls && client ? client : null;
  const xff = getOwn(input.request.headers, "x-forwarded-for");
  const remoteIp = xff === void 0 ? input.clientIp : remoteAddress(input.clientIp, xff, engine.mesh.numTrustedProxies, server.gateway);
  const normalized = input.normalized ?? normalizePath(input.request.path);
  if (chain === "http" && normalized.rejected) {
    if (trace)
      step({
        stage: "protocol",
        outcome: "fail",
        message: `the path ${input.request.path} is rejected by Envoy's path normalization (400) before any filter runs`
      });
    return hopResult(input, steps, "invalid", 400, shake.mtls);
  }
  const authz = {
    chain,
    peer,
    sourceIp: input.clientIp,
    remoteIp,
    destinationIp: server.ip,
    destinationPort: input.targetPort,
    sni: shake.mtls ? input.sni ?? sniOf(input, engine.mesh.trustDomain) : "",
    http: chain === "http" ? {
      method: input.request.method,
      path: normalized.path,
      host: input.request.host,
      headers: input.request.headers
    } : null,
    jwtPayload: null
  };
  const set = input.policySet ?? engine.policySet(server);
  if (trace) {
    for (const refused of engine.refusedPolicies(server)) {
      const m = refused.meta;
      step({
        stage: m.kind === "RequestAuthentication" ? "jwt" : "allow",
        outcome: "skip",
        message: `${m.kind} ${m.namespace}/${m.name} would apply here, but a cluster refuses it (see its errors): it is not enforced`,
        meta: m,
        path: [...m.basePath]
      });
    }
  }
  const custom = decideCustom(set, authz, trace);
  if (trace) custom.steps.forEach(step);
  if (custom.denied) return hopResult(input, steps, custom.verdict, custom.status, shake.mtls, remoteIp);
  let forwarded = input.request;
  if (chain === "http") {
    const providers = engine.jwtProviders(server);
    if (providers.length > 0) {
      const outcome = input.jwt ?? authenticate(providers, input.request, engine.jwt, input.nowSeconds);
      const p = outcome.provider;
      if (trace)
        step({
          stage: "jwt",
          outcome: outcome.result === "pass" ? "pass" : "fail",
          message: outcome.message,
          ...p ? {
            meta: p.ra.meta,
            path: [...p.ra.meta.basePath, "spec", "jwtRules", p.rule.index],
            rule: p.rule.index
          } : {}
        });
      if (outcome.result === "unauthenticated")
        return hopResult(input, steps, "unauthenticated", 401, shake.mtls, remoteIp);
      if (outcome.result === "audience-rejected")
        return hopResult(input, steps, "audience-rejected", 403, shake.mtls, remoteIp);
      authz.jwtPayload = outcome.payload;
      forwarded = stripTokens(input.request, outcome);
    }
  } else if (trace && engine.jwtProviders(server).length > 0) {
    step({
      stage: "jwt",
      outcome: "skip",
      message: "RequestAuthentication applies, but there is no JWT filter on a TCP port"
    });
  }
  const rbac = decideRbac(set, authz, trace);
  if (trace) rbac.steps.forEach(step);
  const verdict = rbac.denied ? "denied" : "allowed";
  return hopResult(input, steps, verdict, rbac.denied ? 403 : 200, shake.mtls, remoteIp, forwarded);
}

// packages/evaluator/src/pipeline/probe.ts
var DEFAULT_EXTERNAL_IP = "203.0.113.10";
function invalid(message, extra = {}) {
  return {
    status: "invalid",
    verdict: "invalid",
    mtls: null,
    steps: [{ stage: "endpoint", outcome: "fail", message, hop: 0, ...extra }]
  };
}
function nowOf(engine, spec, fallback) {
  const text = spec.now ?? engine.probesSpec.now;
  const ms = text ? Date.parse(text) : fallback.getTime();
  return Math.floor((Number.isNaN(ms) ? fallback.getTime() : ms) / 1e3);
}
function runProbe(engine, spec, now, trace) {
  const client = spec.from === "external" ? null : engine.mesh.byKey.get(spec.from);
  if (client === void 0)
    return invalid(
      `probe source "${spec.from}" is not a workload of the mesh (write namespace/workload, or external)`
    );
  const server = engine.mesh.byKey.get(spec.to);
  if (!server) return invalid(`probe destination "${spec.to}" is not a workload of the mesh`);
  const port = resolvePort(server, spec.port, spec.address ?? "service");
  if (typeof port === "string") return invalid(port);
  const { request, problems } = buildRequest(engine, spec, server);
  if (problems.length) return invalid(problems.join("; "));
  const nowSeconds = nowOf(engine, spec, now);
  const clientIp = client ? client.ip : spec.request?.sourceIp ?? DEFAULT_EXTERNAL_IP;
  const steps = trace ? [
    {
      stage: "protocol",
      outcome: "info",
      message: `${spec.from} \u2192 ${server.key}: ${port.description}`,
      hop: 0
    }
  ] : [];
  const first = evaluateHop(engine, {
    client,
    clientIp,
    server,
    servicePort: port.servicePort,
    targetPort: port.targetPort,
    chain: port.chain,
    request,
    subset: null,
    nowSeconds,
    hop: 0,
    trace,
    jwt: void 0,
    normalized: void 0,
    sni: void 0,
    policySet: void 0
  });
  steps.push(...first.steps);
  if (!server.gateway || first.verdict !== "allowed")
    return { status: first.status, verdict: first.verdict, mtls: first.mtls, steps };
  if (port.chain !== "http") {
    steps.push({
      stage: "route",
      outcome: "info",
      message: `${server.key} is a gateway, but port ${port.servicePort} is not HTTP: the connection ends at the gateway`,
      hop: 0
    });
    return { status: first.status, verdict: first.verdict, mtls: first.mtls, steps };
  }
  const q = first.forwarded.path.search(/[?#]/);
  const normalizedPath = normalizePath(first.forwarded.path).path;
  const upstreamPath = q === -1 ? normalizedPath : `${normalizedPath}${first.forwarded.path.slice(q)}`;
  const route = routeAtGateway(engine.resources, engine.mesh, server, {
    method: first.forwarded.method,
    path: normalizedPath,
    host: first.forwarded.host,
    headers: first.forwarded.headers,
    port: port.servicePort,
    targetPort: port.targetPort
  });
  if (route.kind === "none") {
    steps.push({
      stage: "route",
      outcome: "fail",
      message: `${route.reason}: the gateway answers 404`,
      hop: 0
    });
    return { status: "404", verdict: "no-route", mtls: first.mtls, steps };
  }
  if (route.kind === "direct") {
    steps.push({
      stage: "route",
      outcome: "info",
      message: `the route answers directly with ${route.status}`,
      hop: 0,
      meta: route.meta,
      path: route.path,
      rule: route.rule
    });
    return {
      status: String(route.status),
      verdict: route.status < 400 ? "allowed" : "denied",
      mtls: first.mtls,
      steps
    };
  }
  const target = route.target;
  steps.push({
    stage: "route",
    outcome: "pass",
    message: target.description,
    hop: 0,
    meta: target.meta,
    path: target.path,
    rule: target.rule
  });
  const backendPort = resolvePort(target.backend, target.port, "service");
  if (typeof backendPort === "string") {
    steps.push({
      stage: "route",
      outcome: "fail",
      message: `${backendPort}: the gateway answers 503`,
      hop: 0
    });
    return { status: "503", verdict: "no-route", mtls: first.mtls, steps };
  }
  const xff = getOwn(first.forwarded.headers, "x-forwarded-for");
  const forwarded = {
    ...first.forwarded,
    path: upstreamPath,
    headers: Object.assign(copyMap(first.forwarded.headers), {
      "x-forwarded-for": xff ? `${xff}, ${clientIp}` : clientIp
    })
  };
  const second = evaluateHop(engine, {
    client: server,
    clientIp: server.ip,
    server: target.backend,
    servicePort: backendPort.servicePort,
    targetPort: backendPort.targetPort,
    chain: backendPort.chain,
    request: forwarded,
    subset: target.subset,
    nowSeconds,
    hop: 1,
    trace,
    jwt: void 0,
    normalized: void 0,
    sni: void 0,
    policySet: void 0
  });
  steps.push(...second.steps);
  return { status: second.status, verdict: second.verdict, mtls: second.mtls, steps };
}
function toTraceStep(engine, step) {
  const out = { stage: step.stage, hop: step.hop, outcome: step.outcome, message: step.message };
  if (step.meta) {
    out.resource = {
      kind: step.meta.kind,
      name: step.meta.name,
      namespace: step.meta.namespace,
      document: step.meta.document
    };
    const range = engine.rangeOf(step.meta.document, step.path ?? step.meta.basePath);
    if (range) {
      out.range = range;
      if (step.meta.source !== void 0) out.source = step.meta.source;
    }
  }
  if (step.rule !== void 0) out.rule = step.rule;
  return out;
}
function expectationHolds(spec, status, verdict, mtls) {
  if (spec.expect === void 0 && spec.expectMtls === void 0) return null;
  const statusOk = spec.expect === void 0 || spec.expect === status || spec.expect === verdict;
  const mtlsOk = spec.expectMtls === void 0 || spec.expectMtls === mtls;
  return statusOk && mtlsOk;
}
function evaluateProbe(engine, spec, index, now, options = {}) {
  const fromDocument = options.fromDocument ?? false;
  const traced = options.trace ?? true;
  const flow = runProbe(engine, spec, now, traced);
  const trace = traced ? flow.steps.map((s) => toTraceStep(engine, s)) : [];
  if (fromDocument && flow.verdict === "invalid" && engine.probesDocument) {
    const path = engine.probePaths[index];
    const range = path ? engine.probesDocument.rangeOf(path) : void 0;
    if (range && trace[0]) {
      trace[0].range = range;
      if (engine.probesDocument.source !== void 0) trace[0].source = engine.probesDocument.source;
    }
  }
  return {
    index,
    name: spec.name ?? `${spec.from} \u2192 ${spec.to}:${spec.port}`,
    from: spec.from,
    to: spec.to,
    port: spec.port,
    status: flow.status,
    verdict: flow.verdict,
    mtls: flow.mtls,
    expect: spec.expect ?? null,
    pass: expectationHolds(spec, flow.status, flow.verdict, flow.mtls),
    trace
  };
}

// packages/evaluator/src/evaluate.ts
function tracedProbes(traces) {
  if (traces === void 0 || traces === "all") return () => true;
  if (traces === "none") return () => false;
  const wanted = new Set(traces);
  return (index) => wanted.has(index);
}
function presentedTokens(engine) {
  const tokens = engine.probesSpec.tokens ?? {};
  return Object.values(tokens).flatMap((t2) => t2.jwt ? [t2.jwt] : t2.raw ? [t2.raw] : []);
}
async function evaluateEngine(engine, options) {
  engine.jwt = await prepareJwt(
    presentedTokens(engine),
    engine.allJwtProviders(),
    engine.probesSpec.jwks ?? {}
  );
  const now = options.now ?? /* @__PURE__ */ new Date();
  const own2 = options.probes === void 0;
  const traced = tracedProbes(options.traces);
  const probes = (options.probes ?? engine.probesSpec.probes ?? []).map(
    (p, i) => evaluateProbe(engine, p, i, now, { fromDocument: own2, trace: traced(i) })
  );
  return {
    metadata: engine.metadata,
    diagnostics: [...engine.diagnostics, ...own2 ? probeDiagnostics(engine) : []],
    documents: documentSummaries(engine),
    workloads: workloadFacts(engine),
    probes,
    droppedProbes: own2 ? droppedProbes(engine) : []
  };
}
var Evaluator = class {
  // Separate caches: each sweeps what its last call did not use, so sharing one would let a
  // whole-text call evict the parts' documents and the other way round.
  cache = new ParseCache();
  parts = new PartsParser();
  compilers = /* @__PURE__ */ new Map();
  /** Compile a workspace (re-parsing only the documents that changed since the last call). */
  compile(text) {
    return new Engine(parseWorkspaceText(text, this.cache), this.compilers);
  }
  /** Evaluates a whole workspace text; positions are lines and columns of that text. */
  async evaluate(text, options = {}) {
    return evaluateEngine(this.compile(text), options);
  }
  /**
   * Evaluates a workspace given as parts, re-parsing only the parts that changed since the last
   * call. Every diagnostic, document summary and ranged trace step names its `source` part, and
   * its document index and range count within that part's text: the policies string as given,
   * or the canonical Mesh/Probes texts returned in `parts`.
   */
  async evaluateParts(parts, options = {}) {
    const parsed = this.parts.parse(parts);
    const evaluation = await evaluateEngine(
      new Engine({ documents: parsed.documents, diagnostics: parsed.diagnostics }, this.compilers),
      options
    );
    return { ...evaluation, parts: parsed.texts };
  }
};
async function evaluateWorkspace(text, options = {}) {
  return new Evaluator().evaluate(text, options);
}

// prof.tmp.ts
var f = process.argv[2];
var t = readFileSync(f, "utf8");
for (let k = 0; k < 4; k++) {
  const s = performance.now();
  const e = await evaluateWorkspace(t, { now: /* @__PURE__ */ new Date("2026-01-01T00:00:00Z") });
  console.log(f, (performance.now() - s).toFixed(0), "ms", e.diagnostics.length, "diags", e.documents.length, "docs", e.probes.length, "probes");
}
