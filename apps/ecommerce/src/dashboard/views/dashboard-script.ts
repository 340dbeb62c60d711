/**
 * The dashboard's inline script (plain ES2020, no build step): renders the figures embedded in the
 * page, then each message of the server-sent events stream. Elements are built with
 * `createElement` and `textContent` only, so nothing that came from outside is parsed as markup.
 * Kept free of backticks, `${` and backslashes, so it sits in this template literal as written.
 */
export const DASHBOARD_SCRIPT = `
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var nf = new Intl.NumberFormat('en-US');
  var format = {
    int: function (v) { return nf.format(v); },
    usd: function (v) { return '$' + v.toFixed(v >= 1 ? 2 : 4); },
    pct: function (v) { return v === null ? 'n/a' : (v * 100).toFixed(1) + '%'; }
  };
  var FIRST_OUTCOMES = ['accepted', 'duplicate', 'invalid_signature', 'rate_limited'];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    set(node, attrs);
    (children || []).forEach(function (c) { if (c) node.append(c); });
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    set(node, attrs);
    (children || []).forEach(function (c) { if (c) node.append(c); });
    return node;
  }
  function set(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, String(attrs[k]));
    });
  }
  function get(object, path) {
    return path.split('.').reduce(function (o, k) { return o === null || o === undefined ? undefined : o[k]; }, object);
  }
  function badge(status) {
    return el('span', { class: 'badge s-' + status.replace(/[^a-z_]/g, ''), text: status.replace(/_/g, ' ') });
  }
  function num(value, attrs) {
    var cell = el('td', Object.assign({ class: 'num' + (value === 0 ? ' zero' : ''), text: nf.format(value) }, attrs || {}));
    return cell;
  }
  function table(id, head, rows, numeric) {
    var header = el('tr', {}, head.map(function (h, i) { return el('th', { class: numeric && numeric(i) ? 'num' : '', text: h }); }));
    return el('table', { id: id }, [el('thead', {}, [header]), el('tbody', {}, rows)]);
  }
  function fill(id, node) { document.getElementById(id).replaceChildren(node); }
  function empty(text) { return el('p', { class: 'muted', text: text }); }
  function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : ''; }
  function duration(ms) {
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
    return Math.floor(ms / 60000) + ' m ' + Math.round((ms % 60000) / 1000) + ' s';
  }
  function short(text, max) { return text.length > max ? text.slice(0, max - 1) + '…' : text; }

  function webhooks(w) {
    if (w.counts.length === 0) return empty('No webhook received yet.');
    var outcomes = FIRST_OUTCOMES.slice();
    w.counts.forEach(function (c) { if (outcomes.indexOf(c.outcome) < 0) outcomes.push(c.outcome); });
    var sources = [];
    w.counts.forEach(function (c) { if (sources.indexOf(c.source) < 0) sources.push(c.source); });
    var rows = sources.map(function (source) {
      var total = 0;
      var cells = outcomes.map(function (outcome) {
        var n = w.counts.filter(function (c) { return c.source === source && c.outcome === outcome; }).reduce(function (s, c) { return s + c.count; }, 0);
        total += n;
        return num(n, { 'data-cell': source + '/' + outcome });
      });
      return el('tr', { 'data-source': source }, [el('td', {}, [el('code', { text: source })])].concat(cells, [num(total, { 'data-cell': source + '/total' })]));
    });
    var head = ['Source'].concat(outcomes.map(function (o) { return o.replace(/_/g, ' '); }), ['Total']);
    return table('webhook-table', head, rows, function (i) { return i > 0; });
  }

  function flows(f) {
    if (f.flows.length === 0) return empty('No flow has run yet.');
    var rows = f.flows.map(function (x) {
      return el('tr', { 'data-flow': x.flow }, [el('td', {}, [el('code', { text: x.flow })]), num(x.completed), num(x.failed), num(x.running), num(x.total)]);
    });
    return table('flow-table', ['Flow', 'Completed', 'Failed', 'Running', 'Total'], rows, function (i) { return i > 0; });
  }

  function sentiment(products) {
    if (products.length === 0) return empty('No review analysed yet.');
    var W = 660, MID = 370, HALF = 150, ROW = 34, TOP = 24;
    var height = TOP + products.length * ROW + 4;
    var children = [
      svg('line', { x1: MID, x2: MID, y1: TOP - 6, y2: height, stroke: '#cbd5e1' }),
      svg('text', { x: MID - HALF, y: 12, 'font-size': 11, fill: '#94a3b8', 'text-anchor': 'middle', text: '-1 negative' }),
      svg('text', { x: MID, y: 12, 'font-size': 11, fill: '#94a3b8', 'text-anchor': 'middle', text: '0' }),
      svg('text', { x: MID + HALF, y: 12, 'font-size': 11, fill: '#94a3b8', 'text-anchor': 'middle', text: 'positive +1' })
    ];
    products.forEach(function (p, i) {
      var y = TOP + i * ROW;
      var mean = p.meanSentiment;
      var colour = mean === null ? '#cbd5e1' : mean >= 0.2 ? '#16a34a' : mean <= -0.2 ? '#dc2626' : '#f59e0b';
      var width = mean === null ? 0 : Math.max(2, Math.abs(mean) * HALF);
      var x = mean !== null && mean < 0 ? MID - width : MID;
      var analysed = Math.max(1, p.positive + p.neutral + p.negative);
      var parts = [['positive', '#86efac'], ['neutral', '#fde68a'], ['negative', '#fca5a5']];
      var offset = MID - HALF;
      var split = parts.map(function (part) {
        var w = (p[part[0]] / analysed) * HALF * 2;
        var rect = svg('rect', { x: offset, y: y + 22, width: w, height: 4, fill: part[1] });
        offset += w;
        return rect;
      });
      var value = mean === null ? 'not analysed' : (mean > 0 ? '+' : '') + mean.toFixed(2);
      var valueX = mean !== null && mean < 0 ? x - 6 : x + width + 6;
      children.push(svg('g', { class: 'product', 'data-product': p.productId }, [
        svg('title', { text: p.title + ': mean sentiment ' + value + ' over ' + p.analysed + ' analysed of ' + p.reviews + ' reviews (' + p.positive + ' positive, ' + p.neutral + ' neutral, ' + p.negative + ' negative)' }),
        svg('text', { x: 0, y: y + 15, 'font-size': 13, fill: '#1e293b', text: short(p.title, 26) }),
        svg('rect', { x: MID - HALF, y: y + 4, width: HALF * 2, height: 16, rx: 3, fill: '#f8fafc' }),
        svg('rect', { class: 'bar', x: x, y: y + 4, width: width, height: 16, rx: 3, fill: colour })
      ].concat(split, [
        svg('text', { class: 'value', x: valueX, y: y + 16, 'font-size': 12, 'font-weight': 600, fill: '#334155', 'text-anchor': mean !== null && mean < 0 ? 'end' : 'start', text: value }),
        svg('text', { class: 'count', x: W, y: y + 16, 'font-size': 12, fill: '#64748b', 'text-anchor': 'end', text: p.reviews + ' review' + (p.reviews === 1 ? '' : 's') + (p.meanRating === null ? '' : ' · ★' + p.meanRating.toFixed(1)) })
      ])));
    });
    return svg('svg', { id: 'sentiment-chart', viewBox: '0 0 ' + W + ' ' + height, width: '100%', role: 'img', 'aria-label': 'Mean review sentiment per product' }, children);
  }

  function held(h) {
    if (h.orders.length === 0) return empty('No order is on hold.');
    var rows = h.orders.map(function (o) {
      var reasons = el('ul', { class: 'reasons' }, o.reasons.map(function (r) { return el('li', { text: r }); }));
      return el('tr', { 'data-order': o.orderId }, [
        el('td', {}, [el('strong', { text: o.name || '#' + o.orderId }), el('span', { class: 'muted', text: ' · ' + (o.customerEmail || 'unknown customer') }), reasons]),
        el('td', { class: 'num', text: o.total.toFixed(2) + ' ' + o.currency }),
        el('td', { class: 'num' }, [o.score === null ? null : el('span', { class: 'badge score', text: String(o.score) })])
      ]);
    });
    var more = h.total > h.orders.length ? el('p', { class: 'muted', text: (h.total - h.orders.length) + ' more on hold' }) : null;
    return el('div', {}, [table('held-table', ['Order and why it is held', 'Total', 'Risk'], rows, function (i) { return i > 0; }), more]);
  }

  function runs(list) {
    if (list.length === 0) return empty('No flow run yet.');
    var rows = list.map(function (r) {
      var link = el('a', { href: 'runs/' + encodeURIComponent(r.id) }, [el('code', { text: short(r.id, 28) })]);
      var error = r.error ? el('span', { class: 'error', text: (r.error.step ? r.error.step + ': ' : '') + r.error.message }) : null;
      return el('tr', { 'data-run': r.id }, [
        el('td', { class: 'nowrap' }, [link]), el('td', { class: 'nowrap' }, [el('code', { text: r.flow })]), el('td', {}, [badge(r.status)]),
        el('td', { class: 'nowrap', text: time(r.startedAt) }), el('td', { class: 'num', text: duration(r.durationMs) }),
        el('td', { class: 'ellipsis' }, [error || el('span', { class: 'muted', text: r.trigger || '' })])
      ]);
    });
    return table('runs-table', ['Run', 'Flow', 'Status', 'Started', 'Duration', 'Trigger or error'], rows, function (i) { return i === 4; });
  }

  function queues(q) {
    var rows = q.queues.map(function (x) {
      return el('tr', { 'data-queue': x.queue }, [el('td', {}, [el('code', { text: x.queue })]), num(x.waiting), num(x.active), num(x.delayed), num(x.failed)]);
    });
    var list = rows.length ? table('queue-table', ['Queue', 'Waiting', 'Active', 'Delayed', 'Failed'], rows, function (i) { return i > 0; }) : empty('No queue reported.');
    var dead = el('p', { class: 'muted' }, ['Dead letters: ', el('a', { href: 'admin/dead-letters', text: nf.format(q.deadLetters) })]);
    return el('div', {}, [list, dead]);
  }

  function render(f) {
    document.querySelectorAll('[data-figure]').forEach(function (node) {
      node.textContent = format[node.getAttribute('data-format') || 'int'](get(f, node.getAttribute('data-figure')));
    });
    fill('webhooks', webhooks(f.webhooks));
    fill('flows', flows(f.flows));
    fill('sentiment', sentiment(f.sentiment));
    fill('held', held(f.heldOrders));
    fill('runs', runs(f.recentRuns));
    fill('queues', queues(f.queues));
    document.getElementById('updated').textContent = 'as of ' + time(f.at);
    document.body.setAttribute('data-at', f.at);
  }

  render(JSON.parse(document.getElementById('initial-figures').textContent));
  var live = document.getElementById('live');
  var liveText = document.getElementById('live-text');
  var stream = new EventSource('api/dashboard/stream');
  stream.onmessage = function (event) {
    render(JSON.parse(event.data));
    live.className = 'live on';
    liveText.textContent = 'live';
  };
  stream.onerror = function () {
    live.className = 'live off';
    liveText.textContent = 'reconnecting…';
  };
})();
`;
