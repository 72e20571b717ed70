/** The report page's stylesheet: light and dark, no web fonts (the page loads nothing). */
export const HTML_STYLE = `
:root { --fg:#1f2328; --muted:#656d76; --bg:#fff; --line:#d0d7de; --done:#2da44e; --failed:#cf222e;
  --retry:#d4a72c; --farmer:#ddf4ff; --busy:#54aeff; --cap:#8c959f; --card:#f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6edf3; --muted:#8d96a0; --bg:#0d1117; --line:#30363d;
  --farmer:#0c2d6b; --card:#161b22; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
  margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { margin: 0; font-size: 24px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 0 0 6px; }
.meta, .label, .logname, .legend { color: var(--muted); font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 90px; }
.card .value { font-size: 20px; font-weight: 600; } .card.ok .value { color: var(--done); }
.card.bad .value { color: var(--failed); }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 4px; overflow-x: auto; }
svg { width: 100%; height: auto; display: block; font-size: 11px; }
svg text { fill: var(--fg); } svg .tick { fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 0.5; }
rect.done { fill: var(--done); } rect.failed { fill: var(--failed); } rect.retry { fill: var(--retry); }
rect.farmer-span { fill: var(--farmer); } rect.bar { fill: var(--busy); }
path.util-busy { fill: var(--busy); fill-opacity: 0.5; stroke: var(--busy); }
path.util-capacity { fill: none; stroke: var(--cap); stroke-dasharray: 4 3; }
.legend .sw { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
.sw.done { background: var(--done); } .sw.failed { background: var(--failed); } .sw.retry { background: var(--retry); }
.sw.farmer { background: var(--farmer); border: 1px solid var(--line); } .sw.busy { background: var(--busy); }
.sw.cap { border: 1px dashed var(--cap); }
table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--failed); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
pre { background: var(--card); padding: 6px 8px; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
`;

/**
 * The page's script: reads the embedded data and draws the three charts as SVG. Plain ES2017,
 * no template literals (it lives inside one), no libraries.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var W = 1000, LEFT = 170, RIGHT = 12, PLOT = W - LEFT - RIGHT;
  var KIND = ['done', 'failed', 'retry'];
  function el(parent, name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }
  function fmt(ms) {
    if (ms < 1000) return Math.round(ms) + 'ms';
    var s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + 's';
    var m = Math.floor(s / 60);
    if (m < 60) return m + 'm' + String(Math.floor(s % 60)).padStart(2, '0') + 's';
    return Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0') + 'm';
  }
  function x(t) { return LEFT + (t / D.span) * PLOT; }
  function niceStep(range, n) {
    var raw = range / n, p = Math.pow(10, Math.floor(Math.log10(raw))), steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= raw) return steps[i] * p;
    return 10 * p;
  }
  function timeAxis(svg, top, bottom) {
    var step = niceStep(D.span, 8);
    for (var t = 0; t <= D.span + 1e-9; t += step) {
      el(svg, 'line', { x1: x(t), x2: x(t), y1: top, y2: bottom, class: 'grid' });
      el(svg, 'text', { x: x(t), y: bottom + 12, 'text-anchor': 'middle', class: 'tick' }, fmt(t));
    }
  }
  function finish(svg, h) {
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + h);
    svg.setAttribute('data-drawn', 'true');
  }

  function gantt() {
    var svg = document.getElementById('gantt');
    var LH = 12, GAP = 3, y = 6, laneY = [];
    var axis = el(svg, 'g', { class: 'axis' });
    var g = el(svg, 'g', { class: 'rows' });
    for (var f = 0; f < D.farmers.length; f++) {
      var fa = D.farmers[f];
      el(g, 'text', { x: 4, y: y + LH - 2, class: 'farmer-label' }, 'farmer ' + fa.label);
      el(g, 'rect', { x: x(fa.start), y: y, width: Math.max(1, x(fa.end) - x(fa.start)), height: LH,
        class: 'farmer-span', 'data-farmer': f });
      y += LH + GAP;
      for (var l = 0; l < D.lanes.length; l++) {
        if (D.lanes[l].farmer !== f) continue;
        laneY[l] = y;
        el(g, 'text', { x: 14, y: y + LH - 2, class: 'lane-label tick' }, D.lanes[l].label);
        y += LH + GAP;
      }
    }
    var b = D.boxes, boxes = el(svg, 'g', { class: 'boxes' });
    if (!D.binned) {
      for (var i = 0; i < b.length; i += 5) {
        var r = el(boxes, 'rect', { x: x(b[i + 1]), y: laneY[b[i]], width: Math.max(0.6, x(b[i + 2]) - x(b[i + 1])),
          height: LH, class: 'task ' + KIND[b[i + 3]], 'data-id': b[i + 4], 'data-lane': b[i] });
        var name = D.names ? D.names[b[i + 4]] : '';
        el(r, 'title', {}, 'task ' + b[i + 4] + (name ? ': ' + name : '') + ' (' + fmt(b[i + 2] - b[i + 1]) + ', ' +
          KIND[b[i + 3]] + ')');
      }
    } else {
      // Too many attempts for one box each: mark busy pixel columns per lane, worst outcome wins.
      var cols = Math.ceil(PLOT), grid = new Uint8Array(D.lanes.length * cols), rank = [1, 3, 2];
      for (var j = 0; j < b.length; j += 5) {
        var c0 = Math.floor((b[j + 1] / D.span) * (cols - 1)), c1 = Math.floor((b[j + 2] / D.span) * (cols - 1));
        for (var c = c0; c <= c1; c++) {
          var k = b[j] * cols + c;
          if (grid[k] < rank[b[j + 3]]) grid[k] = rank[b[j + 3]];
        }
      }
      var name2 = ['', 'done', 'retry', 'failed'];
      for (var ln = 0; ln < D.lanes.length; ln++) {
        var c2 = 0;
        while (c2 < cols) {
          var v = grid[ln * cols + c2], end = c2;
          while (end < cols && grid[ln * cols + end] === v) end++;
          if (v) el(boxes, 'rect', { x: LEFT + c2 * (PLOT / cols), y: laneY[ln], width: (end - c2) * (PLOT / cols),
            height: LH, class: 'task binned ' + name2[v], 'data-lane': ln });
          c2 = end;
        }
      }
    }
    timeAxis(axis, 0, y);
    finish(svg, y + 18);
  }

  function util() {
    var svg = document.getElementById('util');
    if (!D.util) { el(svg, 'text', { x: 10, y: 20 }, 'no task has run yet'); finish(svg, 30); return; }
    var u = D.util, H = 160, top = 8, bottom = H - 22, n = u.busy.length, ymax = 1;
    for (var i = 0; i < n; i++) ymax = Math.max(ymax, u.busy[i], u.capacity[i]);
    function y(v) { return bottom - (v / ymax) * (bottom - top); }
    function bx(i) { return x(Math.min(D.span, i * u.bucketMs)); }
    timeAxis(svg, top, bottom);
    var ys = [0, ymax / 2, ymax];
    for (var t = 0; t < ys.length; t++) {
      el(svg, 'line', { x1: LEFT, x2: W - RIGHT, y1: y(ys[t]), y2: y(ys[t]), class: 'grid' });
      el(svg, 'text', { x: LEFT - 6, y: y(ys[t]) + 4, 'text-anchor': 'end', class: 'tick' },
        String(Math.round(ys[t] * 10) / 10));
    }
    el(svg, 'text', { x: 4, y: top + 10 }, 'workers');
    var d = 'M' + bx(0) + ' ' + y(0), cap = '';
    for (var j = 0; j < n; j++) {
      d += ' L' + bx(j) + ' ' + y(u.busy[j]) + ' L' + bx(j + 1) + ' ' + y(u.busy[j]);
      cap += (j ? ' L' : 'M') + bx(j) + ' ' + y(u.capacity[j]) + ' L' + bx(j + 1) + ' ' + y(u.capacity[j]);
    }
    d += ' L' + bx(n) + ' ' + y(0) + ' Z';
    el(svg, 'path', { d: d, class: 'util-busy' });
    el(svg, 'path', { d: cap, class: 'util-capacity' });
    finish(svg, H);
  }

  function hist() {
    var svg = document.getElementById('hist'), h = D.hist, H = 170, top = 8, bottom = H - 34;
    if (!h.counts.length) { el(svg, 'text', { x: 10, y: 20 }, 'no task has ended yet'); finish(svg, 30); return; }
    var n = h.counts.length, max = 1;
    for (var i = 0; i < n; i++) max = Math.max(max, h.counts[i]);
    var w = PLOT / n;
    for (var j = 0; j < n; j++) {
      var bh = (h.counts[j] / max) * (bottom - top);
      var r = el(svg, 'rect', { x: LEFT + j * w + 0.5, y: bottom - bh, width: Math.max(0.5, w - 1), height: bh,
        class: 'bar', 'data-count': h.counts[j] });
      el(r, 'title', {}, fmt(h.edges[j]) + ' – ' + fmt(h.edges[j + 1]) + ': ' + h.counts[j] + ' task(s)');
    }
    var marks = [0, Math.floor(n / 2), n];
    for (var m = 0; m < marks.length; m++) {
      var anchor = m === 0 ? 'start' : m === marks.length - 1 ? 'end' : 'middle';
      el(svg, 'text', { x: LEFT + marks[m] * w, y: bottom + 14, 'text-anchor': anchor, class: 'tick' },
        fmt(h.edges[marks[m]]));
    }
    el(svg, 'text', { x: LEFT + PLOT / 2, y: bottom + 30, 'text-anchor': 'middle', class: 'tick' },
      'task duration' + (h.log ? ' (log scale)' : ''));
    el(svg, 'text', { x: LEFT - 6, y: top + 8, 'text-anchor': 'end', class: 'tick' }, String(max));
    el(svg, 'text', { x: 4, y: top + 10 }, 'tasks');
    finish(svg, H);
  }

  gantt();
  util();
  hist();
  document.body.setAttribute('data-drawn', 'true');
})();
`;
