// data/openapi.json itself: every schema it names compiles (ajv, JSON
// Schema 2020-12), every operation has a unique operationId, every path
// parameter is declared, and the request schemas accept what the happy
// path sends and refuse what the server refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerErrors, doc, requestErrors } from '../lib/openapi.mjs';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

test('every operation is complete and its schemas compile', () => {
  assert.equal(doc.openapi, '3.1.0');
  const ids = new Set();
  for (const [tpl, item] of Object.entries(doc.paths)) {
    const params = [...tpl.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const m of METHODS.filter((x) => item[x])) {
      const op = item[m];
      assert.ok(op.operationId, `${m} ${tpl}: operationId`);
      assert.ok(!ids.has(op.operationId), `${op.operationId} is unique`);
      ids.add(op.operationId);
      const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p) => p.in === 'path').map((p) => p.name);
      assert.deepEqual(declared.sort(), [...params].sort(), `${m} ${tpl}: path parameters`);
      for (const [status, r] of Object.entries(op.responses)) {
        // A made-up answer of the right type: the point is that the
        // schema compiles and is found, not that this body fits.
        const errors = answerErrors(m.toUpperCase(), `/api/v1${tpl.replaceAll(/\{\w+\}/g, 'x')}`,
          { status: Number(status), headers: { 'content-type': Object.keys(r.content ?? {})[0] ?? '' }, json: {}, text: '{}' });
        assert.ok(!errors.some((e) => /cannot compile|not documented|no path/.test(e)), `${m} ${tpl} ${status}: ${errors}`);
      }
    }
  }
  assert.equal(ids.size, 47 + 13); // the routes of src/http/api-routes.c, 13 of them closure's (test-api-resources.c checks them one by one)
});

test('the request schemas match what the server takes', () => {
  const ok = [
    ['POST', '/incidents', { title: 'x', confidential: true, detected_at: '2026-10-27T10:00:00Z' }],
    ['PATCH', '/incidents/MK-2026-0001', { reporter_phone: null }],
    ['POST', '/incidents/MK-2026-0001/assessment', { matrix: { table: 'beheer', category: 'c', incident: 'i' }, impact: { mensen: 'hoog' }, people: 3, urgency: 'laag', event_type: 'escalatie' }],
    ['POST', '/incidents/MK-2026-0001/phase', { phase: 'analyse', reason: 'r' }],
    ['POST', '/incidents/MK-2026-0001/tasks/1.1', { state: 'nvt', reason: 'r' }],
    ['POST', '/incidents/MK-2026-0001/log', { kind: 'action', text: 't' }],
    ['POST', '/incidents/MK-2026-0001/decisions', { beeldvorming: 'b', opties: 'o', besluit: 'b', opdracht: { wie: 'FG', uiterlijk: '2026-10-28T12:00:00Z' } }],
    ['POST', '/incidents/MK-2026-0001/team', { account: 'fg' }],
  ];
  for (const [m, p, body] of ok) assert.deepEqual(requestErrors(m, p, body), [], `${m} ${p}`);
  const bad = [
    ['POST', '/incidents', { description: 'no title' }],
    ['POST', '/incidents', { title: 'x', colour: 'red' }],
    ['POST', '/incidents', { title: 5 }],
    ['POST', '/incidents/MK-2026-0001/assessment', { impact: { kleur: 'hoog' } }],
    ['POST', '/incidents/MK-2026-0001/assessment', { people: -1 }],
    ['POST', '/incidents/MK-2026-0001/tasks/1.1', { state: 'klaar' }],
    ['POST', '/incidents/MK-2026-0001/log', { kind: 'system', text: 't' }],
    ['POST', '/incidents/MK-2026-0001/decisions', { beeldvorming: 'b' }],
  ];
  for (const [m, p, body] of bad) assert.notDeepEqual(requestErrors(m, p, body), [], `${m} ${p} ${JSON.stringify(body)}`);
});
