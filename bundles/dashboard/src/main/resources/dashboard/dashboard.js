// The Condenser dashboard: follows the runtime through server-sent events (api/events) and sends
// commands (api/command) once an operator has logged in. No libraries: charts are drawn on canvas.
'use strict';

const HISTORY = 120; // points kept per chart series (two minutes at one update a second)
const history = new Map(); // pipeline name -> {fps: [], dropped: []}
let login = null; // {user, role, commands}

const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

function say(text, error) {
  $('message').textContent = text;
  $('message').className = error ? 'error' : '';
}

function format(value) {
  if (typeof value === 'number') {
    return Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-2 && value !== 0) ? value.toExponential(4)
      : String(Math.round(value * 1e4) / 1e4);
  }
  return String(value);
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body), credentials: 'same-origin' });
  const answer = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

async function command(body) {
  try {
    const answer = await post('api/command', body);
    say(answer.result);
  } catch (e) {
    say(e.message, true);
  }
}

function canCommand() {
  return login && login.commands && login.commands.length > 0;
}

function renderInstruments(instruments) {
  const root = $('instruments');
  root.replaceChildren();
  for (const instrument of instruments) {
    const box = el('div', undefined, 'instrument');
    const title = el('h3', instrument.id + ' ');
    title.append(el('span', instrument.state, 'state ' + instrument.state));
    box.append(title);
    if (instrument.message) box.append(el('p', instrument.message));
    const table = el('table');
    for (const p of instrument.properties) {
      const row = el('tr');
      row.dataset.property = instrument.id + '/' + p.name;
      row.append(el('td', p.name), el('td', format(p.value), 'value'), el('td', p.unit),
        el('td', p.status, 'state ' + p.status));
      const cell = el('td');
      if (p.writable && canCommand()) {
        const input = el('input', undefined, 'value');
        input.placeholder = 'new value';
        const set = el('button', 'Set');
        set.onclick = () => command({ command: 'write', instrument: instrument.id, property: p.name,
          value: isNaN(Number(input.value)) ? input.value : Number(input.value) });
        cell.append(input, set);
      }
      row.append(cell);
      table.append(row);
    }
    box.append(table);
    root.append(box);
  }
}

function renderPipelines(pipelines) {
  const body = $('pipelines').tBodies[0];
  body.replaceChildren();
  for (const p of pipelines) {
    const row = el('tr');
    row.dataset.pipeline = p.name;
    row.append(el('td', p.name), el('td', p.role), el('td', String(p.frames)), el('td', format(p.framesPerSecond)),
      el('td', String(p.dropped)), el('td', String(p.failed)), el('td', String(p.queued)));
    body.append(row);
    const h = history.get(p.name) || { fps: [], dropped: [] };
    h.fps.push(p.framesPerSecond);
    h.dropped.push(p.dropped);
    if (h.fps.length > HISTORY) { h.fps.shift(); h.dropped.shift(); }
    history.set(p.name, h);
  }
  chart($('throughput'), [...history.entries()].map(([name, h]) => ({ name, values: h.fps })));
  chart($('drops'), [...history.entries()].map(([name, h]) => ({ name, values: h.dropped })));
}

const COLOURS = ['#2864c8', '#c83c28', '#1f8f4e', '#8a3cc8', '#c98a00'];

/** A line chart of several series on one axis, with the largest value marked. */
function chart(canvas, series, xLabel) {
  const g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, pad = 30;
  g.clearRect(0, 0, w, h);
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const max = all.length ? Math.max(...all, 1e-12) : 1;
  const min = all.length ? Math.min(0, ...all) : 0;
  g.strokeStyle = '#99a'; g.beginPath(); g.moveTo(pad, 5); g.lineTo(pad, h - pad); g.lineTo(w - 5, h - pad); g.stroke();
  g.fillStyle = '#556'; g.font = '11px sans-serif';
  g.fillText(format(max), 2, 12); g.fillText(format(min), 2, h - pad);
  if (xLabel) g.fillText(xLabel, w / 2 - 40, h - 8);
  series.forEach((s, k) => {
    const n = s.values.length;
    if (n < 1) return;
    g.strokeStyle = COLOURS[k % COLOURS.length]; g.beginPath();
    s.values.forEach((v, i) => {
      const x = pad + (n === 1 ? 0 : i * (w - pad - 5) / (n - 1));
      const y = h - pad - (v - min) / (max - min || 1) * (h - pad - 5);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    g.fillStyle = g.strokeStyle; g.fillText(s.name, pad + 6 + 110 * k, 14);
  });
}

function renderResults(results) {
  const root = $('results');
  const seen = new Set();
  for (const r of results) {
    seen.add(r.source);
    let box = root.querySelector(`[data-source="${CSS.escape(r.source)}"]`);
    if (!box) {
      box = el('figure');
      box.dataset.source = r.source;
      root.append(box);
    }
    if (box.dataset.time === r.time) continue;
    box.dataset.time = r.time;
    const caption = el('figcaption', `${r.source}: ${r.name} of ${r.series}, ${r.frames} frames, ${r.shape.join('×')}`
      + (r.complete ? '' : ' (cut short)'));
    if (r.kind === 'image') {
      const img = el('img');
      img.src = r.png;
      img.alt = r.name + ' from ' + r.source;
      box.replaceChildren(img, caption);
    } else {
      const canvas = el('canvas');
      canvas.width = 560; canvas.height = 200;
      box.replaceChildren(canvas, caption);
      chart(canvas, [{ name: r.name + (r.unit ? ' (' + r.unit + ')' : ''), values: r.values }], r.axis);
    }
  }
  for (const box of [...root.children]) if (!seen.has(box.dataset.source)) box.remove();
}

function renderFlows(flows, runs) {
  const list = $('flows');
  list.replaceChildren();
  for (const flow of flows) {
    const item = el('li', flow + ' ');
    if (canCommand()) {
      const run = el('button', 'Run');
      run.onclick = () => command({ command: 'flow.run', flow });
      item.append(run);
    }
    list.append(item);
  }
  const recent = $('runs');
  recent.replaceChildren(...runs.latest.slice(0, 15).map((r) =>
    el('li', `${r.time.substring(11, 19)} ${r.flow} ${r.step || ''} ${r.state} ${r.message || ''}`)));
}

function renderAlerts(alerts) {
  const list = $('alerts');
  list.replaceChildren(...alerts.latest.map((a) => {
    const item = el('li');
    item.append(el('span', a.severity, 'state ' + a.severity), ` ${a.time.substring(11, 19)} ${a.source}: ${a.message}`);
    return item;
  }));
  if (alerts.seen > alerts.latest.length) list.append(el('li', `… ${alerts.seen - alerts.latest.length} older`));
}

function render(snapshot) {
  const node = snapshot.node || {};
  $('node').textContent = `${node.featureSet || ''} ${node.version || ''} · up ${node.uptimeSeconds || 0} s · `
    + `${node.bundles || ''} bundles · ${node.problems || 0} problems`;
  renderInstruments(snapshot.instruments);
  renderPipelines(snapshot.pipelines);
  renderResults(snapshot.results);
  renderFlows(snapshot.flows, snapshot.runs);
  renderAlerts(snapshot.alerts);
}

function showLogin() {
  $('login').hidden = !!login;
  $('whoami').hidden = !login;
  $('logout').hidden = !login;
  $('whoami').textContent = login ? `${login.user} (${login.role})` : '';
  for (const e of document.querySelectorAll('.operator')) e.hidden = !canCommand();
}

$('login').onsubmit = async (event) => {
  event.preventDefault();
  try {
    await post('api/login', { user: $('user').value, password: $('password').value });
    login = await (await fetch('api/me', { credentials: 'same-origin' })).json();
    $('password').value = '';
    say(`logged in as ${login.user} (${login.role})`);
  } catch (e) {
    say(e.message, true);
  }
  showLogin();
};

$('logout').onclick = async () => {
  await post('api/logout', {});
  login = null;
  showLogin();
  say('logged out');
};

$('stream').onsubmit = (event) => {
  event.preventDefault();
  command({ command: 'stream.start', source: $('stream-source').value, analysis: $('stream-analysis').value });
};
$('stream-stop').onclick = () => command({ command: 'stream.stop', source: $('stream-source').value });

function connect() {
  const events = new EventSource('api/events');
  events.addEventListener('snapshot', (event) => {
    $('connection').textContent = 'live';
    $('connection').className = 'state live';
    render(JSON.parse(event.data));
  });
  events.onerror = () => {
    $('connection').textContent = 'reconnecting';
    $('connection').className = 'state lost';
  };
}

fetch('api/me', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)).then((me) => {
  login = me;
  showLogin();
});
connect();
