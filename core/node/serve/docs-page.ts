// /docs: a readable page of the API, generated from the same models as /openapi.json. One
// self-contained HTML document (inline style, no script, no CDN) so it works with no network.
import type { ScoringEngine, ServedArtifact, ServedModel } from './model.js';
import { exampleRecord } from './openapi.js';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace;background:#f4f4f4}pre{padding:.6rem;overflow:auto}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
h2{border-top:1px solid #ccc;padding-top:1rem}.note{color:#a40}`;

export function renderDocs<A extends ServedArtifact>(
  models: readonly ServedModel<A>[],
  engine: ScoringEngine<A>,
  o: { auth: boolean; baseUrl: string },
): string {
  const auth = o.auth ? ` -H 'Authorization: Bearer $TOKEN'` : '';
  const sections = models.map((m) => {
    const why = engine.unsupported(m.artifact);
    const head = `<h2 id="${esc(m.name)}">${esc(m.name)}</h2>
<p>${esc(m.kind)} model${m.version === null ? '' : `, version ${m.version}`}${m.stage ? ` (${esc(m.stage)})` : ''}. Metrics: ${
      Object.entries(m.metrics)
        .slice(0, 8)
        .map(([k, v]) => `${esc(k)} ${Number(v).toFixed(3)}`)
        .join(', ') || '—'
    }.</p>`;
    if (why) return `${head}<p class="note">Not served for prediction: ${esc(why)}</p>`;
    const fields = m.artifact.input
      .map(
        (f) =>
          `<tr><td><code>${esc(f.name)}</code></td><td>${f.kind}</td><td>${
            f.kind === 'categorical' ? esc((f.levels ?? []).join(', ')) : 'number or null'
          }</td></tr>`,
      )
      .join('\n');
    const outputs = Object.entries(engine.outputs(m.artifact))
      .map(
        ([k, s]) =>
          `<tr><td><code>${esc(k)}</code></td><td>${esc(String(s.description ?? JSON.stringify(s.type)))}</td></tr>`,
      )
      .join('\n');
    const path = `/predict/${encodeURIComponent(m.name)}`;
    const body = JSON.stringify(exampleRecord(m.artifact));
    return `${head}
<h3>Input (every field required; null when unknown)</h3>
<table><tr><th>field</th><th>kind</th><th>values</th></tr>
${fields}</table>
<h3>Output</h3>
<table><tr><th>field</th><th>meaning</th></tr>
${outputs}</table>
<h3>Call</h3>
<pre>curl -s${auth} -H 'Content-Type: application/json' \\
  -d '${esc(body)}' ${esc(o.baseUrl)}${esc(path)}

curl -s${auth} -H 'Content-Type: application/json' \\
  -d '{"records": [${esc(body)}]}' ${esc(o.baseUrl)}${esc(path)}/batch</pre>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sightline scoring API</title>
<style>${STYLE}</style></head><body>
<h1>Sightline scoring API</h1>
<p>Endpoints: <code>GET /health</code>, <code>GET /models</code>, <code>POST /predict/{model}</code> (one JSON record → one prediction), <code>POST /predict/{model}/batch</code> (<code>{"records": [...]}</code> or an array → an array), <code>GET <a href="openapi.json">/openapi.json</a></code> (OpenAPI 3.1).${
    o.auth
      ? ' Every endpoint but <code>/health</code> needs <code>Authorization: Bearer &lt;token&gt;</code>.'
      : ''
  } Invalid input gets 400 with one message per field. For binary models, <code>?factors=N</code> sets how many contributing fields explain each prediction (default 3; <code>0</code> leaves <code>risk_factors</code> out and is several times faster).</p>
<p>Models: ${models.map((m) => `<a href="#${esc(m.name)}">${esc(m.name)}</a>`).join(', ') || 'none loaded'}.</p>
${sections.join('\n')}
</body></html>
`;
}
