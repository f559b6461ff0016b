/* imgdiff HTML report: draws the embedded report. Strings from the image are set with textContent only. */
(function () {
  'use strict';
  var body = document.body;

  function fail(message) {
    body.setAttribute('data-rendered', 'error');
    var e = document.getElementById('errors');
    e.hidden = false;
    e.textContent += 'imgdiff report error: ' + message + '\n';
  }
  window.onerror = function (msg, src, line, col, err) {
    fail(String(msg) + ' (line ' + line + ':' + col + ')' + (err && err.stack ? '\n' + err.stack : ''));
  };

  var COLORS = {
    'node_modules.dev': '#d62728', 'node_modules.prod': '#f08c00', 'toolchain': '#8c564b', 'cache': '#9467bd',
    'vcs+source': '#e377c2', 'docs': '#17a2b8', 'os': '#6c7a89', 'app': '#2ca02c'
  };
  var LAYER_COLORS = ['#3b6fb6', '#e07b39', '#3a9d5d', '#c44e52', '#8172b3', '#937860', '#da8bc3', '#4c9fb0',
    '#b5a33a', '#5f7f99'];
  var KIND = { FILE: 0, DIR: 1, COLLAPSED: 2, FOLDED: 3 };
  var SVG = 'http://www.w3.org/2000/svg';

  var data = JSON.parse(document.getElementById('imgdiff-data').textContent);
  var categories = data.categories;
  var tip = document.getElementById('tip');

  /* ---------- small helpers ---------- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    return e;
  }
  function human(bytes) {
    if (bytes < 0) { return '-' + human(-bytes); }
    if (bytes < 1000) { return bytes + ' B'; }
    var units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
    var v = bytes, u = 0;
    while (v >= 999.5 && u < units.length - 1) { v /= 1000; u++; }
    var s = v >= 99.95 ? v.toFixed(0) : v >= 9.995 ? v.toFixed(1) : v.toFixed(2);
    return s + ' ' + units[u];
  }
  function signed(bytes) { return bytes > 0 ? '+' + human(bytes) : human(bytes); }
  function count(n) { return Number(n).toLocaleString('en-US'); }
  function pct(f) { return (f * 100).toFixed(1) + '%'; }
  function ratio(a, b) {
    if (a === b) { return 'same size'; }
    if (b === 0) { return 'B is empty'; }
    if (a === 0) { return 'A is empty'; }
    var r = a > b ? a / b : b / a;
    var f = r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2);
    return f + 'x ' + (a > b ? 'smaller' : 'larger');
  }
  function nameOf(r) { return r.image.repoTag ? r.image.repoTag : r.image.reference; }
  function sourceOf(r) {
    var i = r.image, parts = [i.reference, i.format];
    if (i.platform) { parts.push(i.platform); }
    if (i.id) { parts.push(i.id.substring(0, 19)); }
    return parts.join(' · ');
  }
  function clip(s, n) { s = String(s); return s.length <= n ? s : s.substring(0, Math.max(0, n - 1)) + '…'; }

  /* ---------- tooltip ---------- */
  function showTip(evt, lines) {
    tip.textContent = '';
    lines.forEach(function (l, i) { var d = el('div', i === 0 ? 'p' : '', l); tip.appendChild(d); });
    tip.hidden = false;
    moveTip(evt);
  }
  function moveTip(evt) {
    var x = evt.clientX + 14, y = evt.clientY + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, evt.clientX - w - 14); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, evt.clientY - h - 14); }
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }

  /* ---------- squarified treemap layout ---------- */
  function worst(sum, min, max, side) {
    var s2 = side * side, sum2 = sum * sum;
    return Math.max(s2 * max / sum2, sum2 / (s2 * min));
  }
  /** values: positive numbers, biggest first; returns one {x, y, w, h} per value. */
  function squarify(values, x, y, w, h) {
    var out = [], total = 0, i;
    for (i = 0; i < values.length; i++) { total += values[i]; }
    if (total <= 0 || w <= 0 || h <= 0) { return values.map(function () { return { x: x, y: y, w: 0, h: 0 }; }); }
    var scale = w * h / total;
    i = 0;
    while (i < values.length) {
      var side = Math.min(w, h);
      var rowSum = 0, min = Infinity, max = 0, best = Infinity, j = i;
      while (j < values.length) {
        var a = values[j] * scale;
        var nmin = Math.min(min, a), nmax = Math.max(max, a), nsum = rowSum + a;
        var r = worst(nsum, nmin, nmax, side);
        if (j > i && r > best) { break; }
        rowSum = nsum; min = nmin; max = nmax; best = r; j++;
      }
      var k, pos;
      if (w >= h) {
        var cw = h > 0 ? rowSum / h : 0;
        pos = y;
        for (k = i; k < j; k++) { var rh = cw > 0 ? values[k] * scale / cw : 0; out.push({ x: x, y: pos, w: cw, h: rh }); pos += rh; }
        x += cw; w -= cw;
      } else {
        var ch = w > 0 ? rowSum / w : 0;
        pos = x;
        for (k = i; k < j; k++) { var rw = ch > 0 ? values[k] * scale / ch : 0; out.push({ x: pos, y: y, w: rw, h: ch }); pos += rw; }
        y += ch; h -= ch;
      }
      i = j;
    }
    return out;
  }

  /* ---------- the treemap ---------- */
  // A box: [name, bytes, files, category, kind, children]
  function sortedKids(box) {
    return box[5].filter(function (c) { return c[1] > 0; }).sort(function (p, q) { return q[1] - p[1]; });
  }
  function describe(box, path) {
    var lines = [path, human(box[1]) + ' · ' + count(box[2]) + (box[2] === 1 ? ' file' : ' files'),
      'category: ' + categories[box[3]] + (box[4] === KIND.FILE ? '' : ' (most of its bytes)')];
    if (box[4] === KIND.COLLAPSED) { lines.push('not broken down further in this report'); }
    if (box[4] === KIND.FOLDED) { lines.push('the smaller entries of this directory, together'); }
    if (box[4] === KIND.DIR) { lines.push('click to zoom in'); }
    return lines;
  }
  /** The box and the directories that hold nothing else below it: /usr/local/lib shows as one box. */
  function chain(box) {
    var out = [box];
    while (box[4] === KIND.DIR) {
      var kids = box[5].filter(function (c) { return c[1] > 0; });
      if (kids.length !== 1 || kids[0][4] !== KIND.DIR) { break; }
      box = kids[0];
      out.push(box);
    }
    return out;
  }
  function chainName(boxes) { return boxes.map(function (b) { return b[0]; }).join('/'); }
  function joinPath(parent, name) { return parent === '/' ? '/' + name : parent + '/' + name; }

  function Treemap(container, tree, label, scale) {
    this.tree = tree;
    this.stack = chain(tree);
    this.scale = scale || 1;
    var head = el('h3', null, label);
    this.crumbs = el('div', 'crumbs');
    this.svg = svg('svg', { 'class': 'treemap', role: 'img' });
    this.svg.setAttribute('aria-label', 'treemap of ' + label);
    container.appendChild(head);
    container.appendChild(this.crumbs);
    container.appendChild(this.svg);
    this.items = [];
    var self = this;
    this.svg.addEventListener('mousemove', function (evt) {
      var i = evt.target.getAttribute && evt.target.getAttribute('data-i');
      if (i === null || i === undefined) { hideTip(); return; }
      var it = self.items[Number(i)];
      showTip(evt, describe(it.box, it.path));
    });
    this.svg.addEventListener('mouseleave', hideTip);
    this.svg.addEventListener('click', function (evt) {
      var i = evt.target.getAttribute && evt.target.getAttribute('data-i');
      if (i === null || i === undefined) { return; }
      var it = self.items[Number(i)];
      if (it.zoom) { self.stack = it.zoom; self.draw(); hideTip(); }
    });
  }
  Treemap.prototype.path = function (depth) {
    var p = '/';
    for (var i = 1; i <= depth; i++) { p = joinPath(p, this.stack[i][0]); }
    return p;
  };
  Treemap.prototype.drawCrumbs = function () {
    var self = this;
    this.crumbs.textContent = '';
    this.stack.forEach(function (box, i) {
      if (i > 0) { self.crumbs.appendChild(el('span', 'sep', '›')); }
      var name = i === 0 ? '/' : box[0];
      if (i === self.stack.length - 1) {
        self.crumbs.appendChild(el('span', 'here', name + '  ' + human(box[1])));
      } else {
        var b = el('button', null, name);
        b.type = 'button';
        b.addEventListener('click', function () { self.stack = self.stack.slice(0, i + 1); self.draw(); });
        self.crumbs.appendChild(b);
      }
    });
  };
  Treemap.prototype.draw = function () {
    var fullW = Math.max(200, this.svg.parentNode.clientWidth || 600);
    var fullH = Math.round(Math.min(560, Math.max(260, fullW * 0.62)));
    var s = Math.sqrt(this.scale);
    var W = Math.max(40, Math.round(fullW * s)), H = Math.max(40, Math.round(fullH * s));
    this.svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    this.svg.style.width = W + 'px';
    this.svg.style.height = H + 'px';
    while (this.svg.firstChild) { this.svg.removeChild(this.svg.firstChild); }
    this.items = [];
    this.drawCrumbs();
    var node = this.stack[this.stack.length - 1];
    var base = this.path(this.stack.length - 1);
    var kids = sortedKids(node);
    var rects = squarify(kids.map(function (k) { return k[1]; }), 0, 0, W, H);
    var frag = document.createDocumentFragment();
    for (var i = 0; i < kids.length; i++) {
      var ck = chain(kids[i]), k = ck[ck.length - 1], name = chainName(ck), r = rects[i], p = joinPath(base, name);
      if (r.w < 0.5 || r.h < 0.5) { continue; }
      var zoomTo = k[4] === KIND.DIR ? this.stack.concat(ck) : null;
      var inner = k[4] === KIND.DIR && r.w > 48 && r.h > 34 ? sortedKids(k) : [];
      if (inner.length > 0) {
        this.rect(frag, r, k, p, 'dir', zoomTo);
        this.text(frag, r.x + 4, r.y + 13, r.w - 8, name + '  ' + human(k[1]), 'head');
        var ir = squarify(inner.map(function (c) { return c[1]; }), r.x + 2, r.y + 18, r.w - 4, r.h - 20);
        for (var j = 0; j < inner.length; j++) {
          var cc = chain(inner[j]), c = cc[cc.length - 1], cname = chainName(cc), q = ir[j];
          if (q.w * q.h < 2) { continue; }
          this.rect(frag, q, c, joinPath(p, cname), c[4] === KIND.DIR ? 'zoom' : '',
            c[4] === KIND.DIR ? zoomTo.concat(cc) : zoomTo);
          if (q.w > 34 && q.h > 15) { this.text(frag, q.x + 3, q.y + 12, q.w - 6, cname, ''); }
        }
      } else {
        this.rect(frag, r, k, p, zoomTo ? 'zoom' : '', zoomTo);
        if (r.w > 34 && r.h > 15) {
          this.text(frag, r.x + 3, r.y + 12, r.w - 6, name, '');
          if (r.h > 30) { this.text(frag, r.x + 3, r.y + 25, r.w - 6, human(k[1]), ''); }
        }
      }
    }
    if (kids.length === 0) {
      var t = svg('text', { x: 12, y: 24, 'class': 'head' });
      t.textContent = 'empty';
      frag.appendChild(t);
    }
    this.svg.appendChild(frag);
  };
  Treemap.prototype.rect = function (parent, r, box, path, cls, zoom) {
    var e = svg('rect', { x: r.x.toFixed(1), y: r.y.toFixed(1), width: Math.max(0, r.w).toFixed(1),
      height: Math.max(0, r.h).toFixed(1), fill: COLORS[categories[box[3]]] || '#999', 'data-i': this.items.length });
    if (cls) { e.setAttribute('class', cls); }
    this.items.push({ box: box, path: path, zoom: zoom });
    parent.appendChild(e);
  };
  Treemap.prototype.text = function (parent, x, y, width, s, cls) {
    var chars = Math.floor(width / 6.6);
    if (chars < 2) { return; }
    var t = svg('text', { x: x.toFixed(1), y: y.toFixed(1), 'class': 'label' + (cls ? ' ' + cls : '') });
    t.textContent = clip(s, chars);
    parent.appendChild(t);
  };

  /* ---------- sections ---------- */
  function card(parent, key, value, detail, cls) {
    var c = el('div', 'card');
    c.appendChild(el('div', 'k', key));
    c.appendChild(el('div', 'v', value));
    if (detail) { c.appendChild(el('div', 'd' + (cls ? ' ' + cls : ''), detail)); }
    parent.appendChild(c);
  }
  function legend(parent, used) {
    var l = el('div', 'legend');
    categories.forEach(function (name, i) {
      if (used && !used[i]) { return; }
      var s = el('span');
      var sw = el('span', 'sw');
      sw.style.background = COLORS[name];
      s.appendChild(sw);
      s.appendChild(document.createTextNode(name));
      l.appendChild(s);
    });
    parent.appendChild(l);
  }
  function usedCategories(reports) {
    var used = {};
    reports.forEach(function (r) {
      r.categories.forEach(function (c) { if (c.bytes > 0) { used[categories.indexOf(c.name)] = true; } });
    });
    return used;
  }

  /** The layers as one stacked bar (width in proportion to maxBytes) and a table with their instructions. */
  function layers(parent, r, maxBytes, title) {
    var box = el('div', 'panel');
    box.appendChild(el('h3', null, title));
    var W = 1000, H = 34;
    var bar = svg('svg', { 'class': 'layers', viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none', height: H });
    bar.setAttribute('aria-label', 'layers by size');
    var x = 0, scale = maxBytes > 0 ? W / maxBytes : 0;
    r.layers.forEach(function (l, i) {
      var w = l.size * scale;
      if (w <= 0) { return; }
      var color = l.base ? (i % 2 ? '#9aa5b1' : '#7b8794') : LAYER_COLORS[i % LAYER_COLORS.length];
      var rect = svg('rect', { x: x.toFixed(2), y: 0, width: Math.max(0.5, w).toFixed(2), height: H, fill: color,
        'class': 'layer' });
      rect.addEventListener('mousemove', function (evt) {
        showTip(evt, ['layer ' + (l.index + 1) + (l.base ? ' (base image)' : ''), human(l.size) + ' · '
          + pct(r.totals.imageSize ? l.size / r.totals.imageSize : 0) + ' of the image', clip(l.instruction, 300)]);
      });
      rect.addEventListener('mouseleave', hideTip);
      bar.appendChild(rect);
      x += w;
    });
    box.appendChild(bar);
    var t = el('table');
    var hr = el('tr');
    ['', '#', 'size', 'wasted', 'instruction'].forEach(function (h, i) { hr.appendChild(el('th', i === 2 || i === 3 ? 'n' : '', h)); });
    t.appendChild(hr);
    r.layers.forEach(function (l, i) {
      var tr = el('tr');
      var swc = el('td');
      var sw = el('span', 'sw');
      sw.style.background = l.base ? (i % 2 ? '#9aa5b1' : '#7b8794') : LAYER_COLORS[i % LAYER_COLORS.length];
      swc.appendChild(sw);
      tr.appendChild(swc);
      tr.appendChild(el('td', 'n', String(l.index + 1) + (l.base ? ' base' : '')));
      tr.appendChild(el('td', 'n', human(l.size)));
      tr.appendChild(el('td', 'n', l.wastedBytes ? human(l.wastedBytes) : '–'));
      var ins = el('td', 'instr', clip(l.instruction, 220));
      ins.title = l.createdBy;
      tr.appendChild(ins);
      t.appendChild(tr);
    });
    box.appendChild(t);
    parent.appendChild(box);
  }

  function categoryTable(parent, r) {
    var t = el('table');
    var hr = el('tr');
    ['category', 'bytes', 'share', 'files', 'wasted', ''].forEach(function (h, i) { hr.appendChild(el('th', i > 0 && i < 5 ? 'n' : '', h)); });
    t.appendChild(hr);
    var max = 0;
    r.categories.forEach(function (c) { max = Math.max(max, c.bytes); });
    r.categories.forEach(function (c) {
      if (!c.bytes && !c.wastedBytes) { return; }
      var tr = el('tr');
      var name = el('td');
      var sw = el('span', 'sw');
      sw.style.background = COLORS[c.name];
      name.appendChild(sw);
      name.appendChild(document.createTextNode(' ' + c.name));
      tr.appendChild(name);
      tr.appendChild(el('td', 'n', human(c.bytes)));
      tr.appendChild(el('td', 'n', pct(r.totals.contentSize ? c.bytes / r.totals.contentSize : 0)));
      tr.appendChild(el('td', 'n', count(c.files)));
      tr.appendChild(el('td', 'n', c.wastedBytes ? human(c.wastedBytes) : '–'));
      var bc = el('td', 'bars');
      var b = el('div', 'bar');
      b.style.width = (max ? 100 * c.bytes / max : 0) + '%';
      b.style.background = COLORS[c.name];
      bc.appendChild(b);
      tr.appendChild(bc);
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  function categoryDeltas(parent, c) {
    var t = el('table');
    var hr = el('tr');
    ['category', 'A', 'B', 'difference', 'A (upper bar) and B'].forEach(function (h, i) { hr.appendChild(el('th', i > 0 && i < 4 ? 'n' : '', h)); });
    t.appendChild(hr);
    var max = 0;
    c.categories.forEach(function (d) { max = Math.max(max, d.a, d.b); });
    c.categories.forEach(function (d) {
      if (!d.a && !d.b) { return; }
      var tr = el('tr', 'category-delta');
      var name = el('td');
      var sw = el('span', 'sw');
      sw.style.background = COLORS[d.name];
      name.appendChild(sw);
      name.appendChild(document.createTextNode(' ' + d.name));
      tr.appendChild(name);
      tr.appendChild(el('td', 'n', human(d.a)));
      tr.appendChild(el('td', 'n', human(d.b)));
      tr.appendChild(el('td', 'n ' + (d.difference < 0 ? 'good' : d.difference > 0 ? 'bad' : ''), signed(d.difference)));
      var bc = el('td', 'bars');
      [['a', d.a], ['b', d.b]].forEach(function (p) {
        var b = el('div', 'bar ' + p[0]);
        b.style.width = (max ? 100 * p[1] / max : 0) + '%';
        b.style.background = COLORS[d.name];
        bc.appendChild(b);
      });
      tr.appendChild(bc);
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  function adviceTable(parent, rows, comparison) {
    if (!rows.length) { return; }
    parent.appendChild(el('h2', null, comparison ? 'Advice: what B fixed and what remains' : 'What could still be cut'));
    var t = el('table');
    var hr = el('tr');
    (comparison ? ['', 'A', 'B', 'what', 'how'] : ['saves', 'what', 'how']).forEach(function (h) { hr.appendChild(el('th', '', h)); });
    t.appendChild(hr);
    rows.forEach(function (a) {
      var tr = el('tr');
      if (comparison) {
        var good = a.status === 'fixed' || a.status === 'reduced';
        tr.appendChild(el('td', good ? 'good' : 'bad', a.status === 'new' ? 'new in B' : a.status === 'remaining' ? 'remains' : a.status));
        tr.appendChild(el('td', 'n', human(a.bytesA)));
        tr.appendChild(el('td', 'n', human(a.bytesB)));
      } else {
        tr.appendChild(el('td', 'n', (a.upTo ? 'up to ' : '') + human(a.bytes)));
      }
      tr.appendChild(el('td', '', a.title));
      tr.appendChild(el('td', '', a.action));
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  function warnings(parent, r, which) {
    if (!r.warnings || !r.warnings.length) { return; }
    parent.appendChild(el('h2', null, 'Warnings' + (which ? ' about ' + which : '')));
    var ul = el('ul');
    r.warnings.forEach(function (w) { ul.appendChild(el('li', '', w)); });
    parent.appendChild(ul);
  }

  var maps = [];
  function redraw() { maps.forEach(function (m) { m.draw(); }); }

  /* ---------- pages ---------- */
  function single(app, r) {
    var t = r.totals;
    app.appendChild(el('h1', null, nameOf(r)));
    app.appendChild(el('div', 'source', sourceOf(r)));
    var cards = el('div', 'cards');
    card(cards, 'image size', human(t.imageSize), count(t.imageSize) + ' bytes');
    card(cards, 'compressed', human(t.compressedSize));
    card(cards, 'content', human(t.contentSize), 'visible in the final filesystem');
    card(cards, 'wasted', human(t.wastedBytes), pct(t.imageSize ? t.wastedBytes / t.imageSize : 0) + ' of the image',
      t.wastedBytes ? 'bad' : '');
    card(cards, 'efficiency', pct(t.efficiency));
    card(cards, 'files', count(t.files), 'in ' + count(t.directories) + ' directories');
    card(cards, 'layers', count(t.layers), t.baseLayers + ' from the base image');
    app.appendChild(cards);
    if (data.trees.length === 1) {
      app.appendChild(el('h2', null, 'Final filesystem by directory and category'));
      legend(app, usedCategories([r]));
      var panel = el('div', 'panel');
      app.appendChild(panel);
      maps.push(new Treemap(panel, data.trees[0], nameOf(r), 1));
    }
    app.appendChild(el('h2', null, 'Layers by size'));
    layers(app, r, r.totals.imageSize, 'layers of ' + nameOf(r));
    app.appendChild(el('h2', null, 'By category'));
    categoryTable(app, r);
    adviceTable(app, r.advice, false);
    warnings(app, r, null);
  }

  function comparison(app, c) {
    var a = c.a, b = c.b, ta = a.totals, tb = b.totals;
    app.appendChild(el('h1', null, nameOf(a) + '  →  ' + nameOf(b)));
    app.appendChild(el('div', 'source', 'A: ' + sourceOf(a)));
    app.appendChild(el('div', 'source', 'B: ' + sourceOf(b)));
    var head = el('div', 'headline');
    head.appendChild(el('b', null, ratio(ta.imageSize, tb.imageSize)));
    var d = c.difference.imageSize;
    head.appendChild(document.createTextNode(d === 0 ? '' : d < 0 ? ': B saves ' + human(-d) : ': B adds ' + human(d)));
    app.appendChild(head);
    var cards = el('div', 'cards');
    function delta(x, y, fmt) {
      var dd = y - x;
      return [fmt(x) + ' → ' + fmt(y), (dd > 0 ? '+' : '') + (fmt === count ? count(dd) : human(dd)), dd < 0 ? 'good' : dd > 0 ? 'bad' : ''];
    }
    [['image size', ta.imageSize, tb.imageSize, human], ['compressed', ta.compressedSize, tb.compressedSize, human],
      ['content', ta.contentSize, tb.contentSize, human], ['wasted', ta.wastedBytes, tb.wastedBytes, human],
      ['files', ta.files, tb.files, count], ['layers', ta.layers, tb.layers, count]].forEach(function (row) {
      var v = delta(row[1], row[2], row[3]);
      card(cards, row[0], v[0], v[1], v[2]);
    });
    app.appendChild(cards);

    if (data.trees.length === 2) {
      app.appendChild(el('h2', null, 'Final filesystems side by side (area in proportion to content size)'));
      legend(app, usedCategories([a, b]));
      var pair = el('div', 'pair');
      var pa = el('div', 'panel'), pb = el('div', 'panel');
      pair.appendChild(pa);
      pair.appendChild(pb);
      app.appendChild(pair);
      var max = Math.max(ta.contentSize, tb.contentSize, 1);
      maps.push(new Treemap(pa, data.trees[0], 'A: ' + nameOf(a) + ' · ' + human(ta.contentSize),
        Math.max(0.04, ta.contentSize / max)));
      maps.push(new Treemap(pb, data.trees[1], 'B: ' + nameOf(b) + ' · ' + human(tb.contentSize),
        Math.max(0.04, tb.contentSize / max)));
    }
    app.appendChild(el('h2', null, 'By category'));
    categoryDeltas(app, c);
    app.appendChild(el('h2', null, 'Layers by size (same scale)'));
    var lp = el('div', 'pair');
    app.appendChild(lp);
    var lmax = Math.max(ta.imageSize, tb.imageSize);
    layers(lp, a, lmax, 'A: ' + nameOf(a) + ' · ' + human(ta.imageSize));
    layers(lp, b, lmax, 'B: ' + nameOf(b) + ' · ' + human(tb.imageSize));
    adviceTable(app, c.advice, true);
    warnings(app, a, 'A');
    warnings(app, b, 'B');
  }

  function main() {
    var app = document.getElementById('app');
    var r = data.report;
    document.title = r.kind === 'comparison' ? 'imgdiff: ' + nameOf(r.a) + ' → ' + nameOf(r.b) : 'imgdiff: ' + nameOf(r);
    if (r.kind === 'comparison') { comparison(app, r); } else { single(app, r); }
    redraw();
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(redraw, 120);
    });
  }

  try {
    main();
    if (body.getAttribute('data-rendered') === 'pending') { body.setAttribute('data-rendered', 'ok'); }
  } catch (e) {
    fail(String(e && e.stack ? e.stack : e));
  }
}());
