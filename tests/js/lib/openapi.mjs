// Checks real answers of the API against data/openapi.json: finds the
// operation by method and path template, requires the status to be
// documented, and validates the body with ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1).
//
//   import { checkAnswer } from '../lib/openapi.mjs';
//   const r = await srv.api('ciso', 'GET', '/api/v1/kpi');
//   checkAnswer('GET', '/api/v1/kpi', r);   // throws with the errors
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const root = process.env.MK_SOURCE_ROOT ?? path.resolve(import.meta.dirname, '..', '..', '..');
export const doc = JSON.parse(readFileSync(path.join(root, 'data', 'openapi.json'), 'utf8'));

// The whole document is one schema resource, so "#/components/schemas/X"
// resolves inside it; the OpenAPI keywords around the schemas are not
// JSON Schema and are ignored (strict off).
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(doc, 'openapi');

const pointer = (...parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

// The path template of a concrete path ("/incidents/MK-2026-0001/log" ->
// "/incidents/{key}/log"); a literal segment beats a parameter.
export function findTemplate(apiPath) {
  const segs = apiPath.split('/');
  let best = null;
  let bestParams = Infinity;
  for (const tpl of Object.keys(doc.paths)) {
    const t = tpl.split('/');
    if (t.length !== segs.length) continue;
    let params = 0;
    const ok = t.every((s, i) => {
      if (s.startsWith('{') && s.endsWith('}')) { params++; return segs[i] !== ''; }
      return s === segs[i];
    });
    if (ok && params < bestParams) { best = tpl; bestParams = params; }
  }
  return best;
}

const validators = new Map();

// The errors of an answer {status, headers, json, text} to method + url
// against the document (an empty list when it conforms).
export function answerErrors(method, url, res) {
  const u = new URL(url, 'http://x');
  const prefix = doc.servers[0].url;
  if (!u.pathname.startsWith(prefix + '/')) return [`${u.pathname} is not under ${prefix}`];
  const apiPath = decodeURIComponent(u.pathname.slice(prefix.length));
  const tpl = findTemplate(apiPath);
  if (!tpl) return [`no path in the document for ${apiPath}`];
  const m = method.toLowerCase();
  const op = doc.paths[tpl][m];
  if (!op) return [`no ${method} ${tpl} in the document`];
  const resp = op.responses[String(res.status)];
  if (!resp) return [`${method} ${tpl}: status ${res.status} is not documented (${Object.keys(op.responses).join(', ')})`];
  const ctype = (res.headers['content-type'] ?? '').split(';')[0].trim();
  if (!resp.content) return [];
  if (!resp.content[ctype]) return [`${method} ${tpl} ${res.status}: content type '${ctype}' is not documented`];
  // A download (an evidence archive, the HTML report, the iCalendar
  // invitation) is documented by its type alone; its text is checked by
  // the test that asked for it.
  if (!ctype.endsWith('json')) return [];
  if (res.json === undefined) return [`${method} ${tpl} ${res.status}: the body is not JSON: ${res.text.slice(0, 200)}`];
  const ref = 'openapi#/' + pointer('paths', tpl, m, 'responses', res.status, 'content', ctype, 'schema');
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) return [`cannot compile ${ref}`];
    validators.set(ref, validate);
  }
  if (validate(res.json)) return [];
  return validate.errors.map((e) => `${method} ${tpl} ${res.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
}

export function checkAnswer(method, url, res) {
  const errors = answerErrors(method, url, res);
  if (errors.length) throw new Error(`the answer does not match data/openapi.json:\n  ${errors.join('\n  ')}`);
  return res;
}

// A request body against the operation's requestBody schema (for tests
// that the document accepts what the server accepts).
export function requestErrors(method, apiPath, body) {
  const tpl = findTemplate(apiPath);
  const m = method.toLowerCase();
  const ref = 'openapi#/' + pointer('paths', tpl, m, 'requestBody', 'content', 'application/json', 'schema');
  const validate = ajv.getSchema(ref);
  if (!validate) return [`no request body schema for ${method} ${tpl}`];
  return validate(body) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
