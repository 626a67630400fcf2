// The compare page: runs (or batches) side by side. Every name is set as text, never as markup.
(function () {
  const RS = window.RS;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  RS.data = data;
  const names = data.names;
  const color = (i) => RS.PALETTE[i % RS.PALETTE.length];
  const show = (id, on = true) => { document.getElementById(id).hidden = !on; };
  const FMT = { count: RS.fmt, share: RS.pct, min: RS.dur, h: (v) => (v == null ? '–' : `${d3.format(',.1~f')(v)} h`), km: (v) => (v == null ? '–' : `${d3.format(',.0f')(v)} km`) };
  const change = (v, b, unit) => {
    if (v == null || b == null) return '';
    const d = v - b;
    if (d === 0) return '±0';
    const s = d > 0 ? '+' : '−';
    return unit === 'share' ? `${s}${Math.abs(d) < 0.0005 ? '< 0.1' : d3.format('.1f')(Math.abs(d) * 100)} pt` : `${s}${FMT[unit](Math.abs(d))}`;
  };

  /** A table: head cells, rows of cells; a cell is text or {text, cls}. */
  function table(parent, name, head, rows) {
    const t = d3.select(parent).append('table').attr('class', 'data compare').attr('data-name', name);
    t.append('thead').append('tr').selectAll('th').data(head).join('th').classed('long', (d) => /\S{13,}/.test(d)).text((d) => d);
    t.append('tbody').selectAll('tr').data(rows).join('tr').selectAll('td').data((r) => r).join('td')
      .attr('class', (c) => (c && c.cls) || null).each(function (c) { stacked(this, c && typeof c === 'object' ? c.text : c); });
    return t;
  }
  /**
   * A value and its change ("3.16 h  (+60.7 min)", two spaces apart) in spans of their own: each stays
   * whole, and in a narrow column the change goes under its value.
   */
  function stacked(td, text) {
    td.textContent = '';
    String(text ?? '').split('  ').forEach((part, i) => {
      if (i) td.appendChild(document.createTextNode(' '));
      td.appendChild(document.createElement('span')).textContent = part;
    });
  }
  /** Cell of run i: value, and its change from run 0 underneath (good/bad colour when the direction is known). */
  const cell = (v, b, unit, i, lowerIsBetter) => {
    if (i === 0) return FMT[unit](v);
    const c = change(v, b, unit);
    const d = v != null && b != null ? v - b : 0;
    const cls = lowerIsBetter == null || d === 0 ? '' : (d < 0) === lowerIsBetter ? 'good' : 'bad';
    return { text: `${FMT[unit](v)}${c ? `  (${c})` : ''}`, cls };
  };

  d3.select('#title').text(`Compare: ${names.join(' · ')}`);
  document.title = `relaysim compare: ${names.join(' · ')}`;
  d3.select('#meta').selectAll('span.item').data(data.meta.map((m, i) => [names[i], `${m.scenario ?? '?'}${m.seed != null ? `, seed ${m.seed}` : ''}`]))
    .join('span').attr('class', 'item').call((s) => s.append('span').attr('class', 'sw-dot').style('background', (d, i) => color(i)))
    .append('span').text((d) => `${d[0]}: `).append('code').text((d) => d[1]);
  const notes = data.notes || [];
  show('notes-section', notes.length > 0);
  d3.select('#notes').selectAll('li').data(notes).join('li').text((d) => d);

  function drawRuns() {
    const LOWER = { failed: true, inSystem: true, meanLeadMin: true, p95LeadMin: true, turnedBack: true, lineStopHours: true, onTimeShare: false, delivered: false };
    const hv = data.headline.values;
    d3.select('#headline-table').html('');
    table(document.getElementById('headline-table'), 'headline', ['', ...names],
      data.headline.rows.map(([key, label, unit]) => [label, ...hv.map((v, i) => cell(v[key], hv[0][key], unit, i, LOWER[key]))]));
    const cards = [['delivered', 'Delivered', 'count'], ['onTimeShare', 'On time', 'share'], ['p95LeadMin', 'p95 lead time', 'min'], ['lineStopHours', 'Line stopped', 'h']];
    const c = d3.select('#headline').html('').selectAll('div.card').data(cards).join('div').attr('class', 'card');
    c.append('div').attr('class', 'k').text((d) => d[1]);
    // One value a run: wrapped between values (each kept whole) rather than cut off with an ellipsis.
    c.append('div').attr('class', 'v multi').text((d) => hv.map((v) => FMT[d[2]](v[d[0]]).replace(/ /g, '\u00a0')).join(' · '));
    c.append('div').attr('class', 's').text(names.join(' · '));
    drawMap(1);
    drawSeries();
    drawDist();
    drawSites();
  }

  let mapPick = 1;
  function drawMap(pick) {
    mapPick = pick;
    // A compare of batches has no map (the resize handler redraws it all the same).
    if (!data.map || !data.map.nodes.length) return;
    show('map-section');
    const p = d3.select('#map-pick').html('');
    p.append('span').text('change from ').append('b').text(names[0]);
    p.append('span').text(' to ');
    p.selectAll('button').data(names.slice(1)).join('button').attr('type', 'button').classed('on', (d, i) => i + 1 === pick)
      .text((d) => d).on('click', (e, d) => drawMap(names.indexOf(d)));
    const base = data.roadUse[0], other = data.roadUse[pick];
    const diffs = base.map((b, i) => other[i] - b);
    const m = d3.max(diffs, Math.abs) || 1;
    const roadScale = d3.scaleDiverging(d3.interpolateRdBu).domain([m, 0, -m]);
    const edges = data.map.edges.map((e, i) => ({ ...e, trucks: diffs[i], base: base[i], other: other[i] }));
    const waits = data.siteWait;
    const siteDiff = (id) => (waits[pick][id] != null && waits[0][id] != null ? waits[pick][id] - waits[0][id] : 0);
    const ids = Object.keys(waits[0]);
    const wm = d3.max(ids, (id) => Math.abs(siteDiff(id))) || 1;
    const siteScale = d3.scaleDiverging(d3.interpolateRdBu).domain([wm, 0, -wm]);
    const map = { ...data.map, edges, checkpoints: data.map.checkpoints.map((x) => ({ ...x, wait: siteDiff(x.id) })), stations: data.map.stations.map((x) => ({ ...x, wait: siteDiff(x.id) })) };
    const markColor = (v) => siteScale(v);
    markColor.domain = () => [0, wm];
    const api = RS.drawMap(document.getElementById('map'), map, {
      clock: RS.clock(data.meta[0]),
      roadColor: (e) => (e.trucks === 0 ? '#c3ccd6' : roadScale(e.trucks)),
      roadRows: (e) => [[`trucks, ${names[0]}`, RS.fmt(e.base)], [`trucks, ${names[pick]}`, RS.fmt(e.other)], ['change', change(e.other, e.base, 'count') || '±0']],
      markColor,
      markRows: (x) => (waits[0][x.id] !== undefined || waits[pick][x.id] !== undefined
        ? [[`mean wait, ${names[0]}`, RS.dur(waits[0][x.id])], [`mean wait, ${names[pick]}`, RS.dur(waits[pick][x.id])], ['change', change(waits[pick][x.id], waits[0][x.id], 'min') || '±0']] : []),
    });
    const lg = d3.select('#map-legend').html('');
    const grad = (label, scale, max, fmt) => {
      const sp = lg.append('span');
      const s = sp.append('svg').attr('width', 90).attr('height', 18);
      const id = `g-${label.replace(/\W/g, '')}`;
      const g = s.append('defs').append('linearGradient').attr('id', id);
      [0, 0.25, 0.5, 0.75, 1].forEach((t) => g.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', scale(-max + 2 * max * t)));
      s.append('rect').attr('x', 1).attr('y', 4).attr('width', 88).attr('height', 10).attr('fill', `url(#${id})`);
      sp.append('span').text(` ${label}: ${fmt(-max)} … +${fmt(max)}`);
    };
    grad('trucks per road', roadScale, m, (v) => `${v < 0 ? '−' : ''}${RS.fmt(Math.abs(v))}`);
    grad('mean wait at a site', siteScale, wm, (v) => `${v < 0 ? '−' : ''}${RS.dur(Math.abs(v))}`);
    // Beside the map: the sites whose wait changed most.
    const el = d3.select('#sites').html('');
    el.append('h3').text(`Largest changes in mean wait, ${names[0]} → ${names[pick]}`);
    const rows = ids.map((id) => ({ id, a: waits[0][id], b: waits[pick][id], d: siteDiff(id) })).sort((x, y) => Math.abs(y.d) - Math.abs(x.d)).slice(0, 14);
    const t = table(el.node(), 'wait-change', ['site', names[0], names[pick], 'change'], rows.map((r) => [{ text: r.id, cls: 'id' }, RS.dur(r.a), RS.dur(r.b), { text: change(r.b, r.a, 'min') || '±0', cls: r.d > 0 ? 'bad' : r.d < 0 ? 'good' : '' }]));
    t.classed('sites', true);
    t.selectAll('tbody tr').on('pointerenter', (e, r) => api.highlight(rows[t.selectAll('tbody tr').nodes().indexOf(e.currentTarget)].id)).on('pointerleave', () => api.highlight(null));
    RS.addExports();
  }

  /** One line per run, each on its own time axis (minutes from its start). */
  function overlay(parent, title, key, yTitle, cls, fmt) {
    const lines = data.series.map((s, i) => (s && s[key] ? { i, t: s.t, v: s[key] } : null)).filter(Boolean);
    if (!lines.length) return;
    const c = RS.frame(parent, title, { cls: `compare-series ${cls}`, margin: { left: 52, bottom: 36 } });
    const end = d3.max(lines, (l) => l.t[l.t.length - 1]) || 1;
    const x = d3.scaleLinear().domain([0, end]).range([0, c.w]);
    const y = d3.scaleLinear().domain([0, d3.max(lines, (l) => d3.max(l.v)) || 1]).nice().range([c.h, 0]);
    RS.yAxis(c.g, y, c.w, fmt);
    const [tv, tf] = RS.durTicks(end, Math.max(3, Math.floor(c.w / 90)));
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).tickValues(tv).tickFormat(tf));
    RS.axisTitles(c, 'time since the start of each run', yTitle);
    c.g.append('g').selectAll('path').data(lines).join('path').attr('class', 'series').attr('data-name', (l) => names[l.i]).attr('stroke', (l) => color(l.i))
      .attr('d', (l) => d3.line().curve(d3.curveStepAfter).x((v, j) => x(l.t[j])).y((v) => y(v))(l.v));
    RS.keys(c.keys, lines.map((l) => ({ name: names[l.i], color: color(l.i) })));
    const rule = c.g.append('line').attr('class', 'rule').attr('y1', 0).attr('y2', c.h).style('display', 'none');
    c.g.append('rect').attr('width', c.w).attr('height', c.h).attr('fill', 'transparent')
      .on('pointermove', (e) => {
        const m = x.invert(d3.pointer(e)[0]);
        rule.attr('x1', x(m)).attr('x2', x(m)).style('display', null);
        RS.tip.show(e, `after ${RS.dur(m)}`, lines.map((l) => { const j = Math.max(0, d3.bisectRight(l.t, m) - 1); return [names[l.i], (fmt || RS.fmt)(l.v[j])]; }));
      })
      .on('pointerleave', () => { rule.style('display', 'none'); RS.tip.hide(); });
  }

  function drawSeries() {
    const el = document.getElementById('series');
    d3.select(el).html('');
    if (!data.series.some(Boolean) && !data.shipments.some(Boolean)) return;
    show('series-section');
    overlay(el, 'Trucks queueing at checkpoints (all checkpoints)', 'checkpointQueue', 'trucks waiting', 'chart-cp-queue');
    overlay(el, 'Trucks queueing at station gates (all stations)', 'stationQueue', 'trucks waiting', 'chart-st-queue');
    overlay(el, 'Loads in station storage (all stations)', 'storage', 'loads', 'chart-storage');
    overlay(el, 'Factory stock (all factories)', 'stock', 'loads', 'chart-stock');
    // Deliveries per hour, on each run's own axis.
    const series = data.shipments.map((s, i) => (s ? { t: s.deliveredPerHour.map((v, j) => j * 60), deliveries: s.deliveredPerHour } : null));
    const saved = data.series;
    data.series = series;
    overlay(el, 'Deliveries per hour', 'deliveries', 'shipments / h', 'chart-deliveries');
    data.series = saved;
  }

  function drawDist() {
    const el = document.getElementById('dist');
    d3.select(el).html('');
    const lines = data.shipments.map((s, i) => (s && s.leadQuantiles.length ? { i, q: s.leadQuantiles, n: s.n } : null)).filter(Boolean);
    if (!lines.length) return;
    show('dist-section');
    const c = RS.frame(el, 'Lead time: share delivered within (after warm-up)', { cls: 'chart-lead-cdf', height: 240, margin: { left: 52, bottom: 36 } });
    const top = d3.max(lines, (l) => l.q[99]) || 1; // the 99th percentile: the last 1 % would squeeze the rest
    const x = d3.scaleLinear().domain([0, top]).range([0, c.w]);
    const y = d3.scaleLinear().domain([0, 1]).range([c.h, 0]);
    RS.yAxis(c.g, y, c.w, d3.format('.0%'));
    const [tv, tf] = RS.durTicks(top, Math.max(3, Math.floor(c.w / 90)));
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).tickValues(tv).tickFormat(tf));
    RS.axisTitles(c, 'lead time', 'share of delivered');
    c.g.append('defs').append('clipPath').attr('id', 'cdf-clip').append('rect').attr('width', c.w).attr('height', c.h);
    c.g.append('g').attr('clip-path', 'url(#cdf-clip)').selectAll('path').data(lines).join('path').attr('class', 'series').attr('data-name', (l) => names[l.i])
      .attr('stroke', (l) => color(l.i)).attr('d', (l) => d3.line().x((v) => x(v)).y((v, j) => y(j / 100))(l.q));
    RS.keys(c.keys, lines.map((l) => ({ name: `${names[l.i]} (n = ${RS.fmt(l.n)})`, color: color(l.i) })));
    const t = d3.select(el).append('figure').attr('class', 'chart numbers');
    t.append('h3').text('Lead-time percentiles');
    table(t.node(), 'lead-percentiles', ['percentile', ...lines.map((l) => names[l.i])], [50, 75, 90, 95, 99].map((p) => [`p${p}`, ...lines.map((l, k) => cell(l.q[p], lines[0].q[p], 'min', k, true))]));
  }

  function drawSites() {
    const el = d3.select('#site-tables').html('');
    show('site-section');
    const TITLE = { checkpoints: 'Checkpoints', stations: 'Transfer stations', factories: 'Factories' };
    const LOWER = { meanWaitMin: true, maxQueue: true, turnedBack: true, lineStopMin: true, maxStorage: true, minStock: false, deliveries: false };
    for (const kind of ['checkpoints', 'stations', 'factories']) {
      const rows = data.sites.rows[kind];
      if (!rows.length) continue;
      const fields = data.sites.fields[kind];
      const block = el.append('div').attr('class', 'table-block');
      block.append('h3').text(TITLE[kind]);
      const wrap = block.append('div').attr('class', 'table-wrap');
      const head = ['site', ...fields.flatMap(([, label]) => names.map((n) => `${label}, ${n}`))];
      table(wrap.node(), kind, head, rows.map((r) => [{ text: r.id, cls: 'id' }, ...fields.flatMap(([f, , unit], fi) => r.values[fi].map((v, i) => cell(v, r.values[fi][0], unit, i, LOWER[f])))]));
    }
  }

  function drawBatches() {
    show('headline-section', false);
    show('batch-section');
    const el = d3.select('#batch').html('');
    for (const p of data.points) {
      const block = el.append('div').attr('class', 'table-block');
      const params = Object.entries(p.params[0] || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
      const ids = [...new Set(p.ids)]; // the same point in every batch is named once
      block.append('h3').text(`Grid point ${ids.join(' / ')}${params ? `: ${params}` : ''}`);
      const head = ['metric', ...names.map((n) => `${n} (mean ± 95 %)`), ...names.slice(1).map((n) => `${n} − ${names[0]}`)];
      const rows = p.rows.map((r) => {
        const f = RS.metricFormat(r.metric);
        const pmf = (m, h) => (f === RS.dur ? RS.durPm(m, h) : f === RS.pct ? `${RS.pct(m)} ± ${h == null ? '∞' : RS.pct(h)}` : RS.pm(m, h));
        // A difference of shares is in percentage points.
        const dpm = (m, h) => (f === RS.pct ? `${RS.pm(m * 100, h == null ? null : h * 100)} pt` : pmf(m, h));
        return [RS.metricName(r.metric), ...r.stats.map((s) => (s && s.mean != null ? pmf(s.mean, s.halfWidth) : '–')),
          ...r.diffs.slice(1).map((d) => (d ? { text: `${d.mean > 0 ? '+' : d.mean < 0 ? '−' : ''}${dpm(Math.abs(d.mean), d.half)} ${d.paired ? `(paired, n = ${d.n})` : '(unpaired)'}${d.significant ? ' *' : ''}`, cls: d.significant ? 'sig' : '' } : '–'))];
      });
      table(block.append('div').attr('class', 'table-wrap').node(), `point-${p.ids[0]}`, head, rows);
      block.append('p').attr('class', 'hint').text('* the 95 % interval of the difference excludes zero.');
      // The differences as intervals around zero, one chart per later batch.
      for (let i = 1; i < names.length; i++) {
        const items = p.rows.filter((r) => r.diffs[i] && r.diffs[i].half != null && /leadTimeMin|meanWaitMin|lineStopMin/.test(r.metric));
        if (!items.length) continue;
        const c = RS.frame(block.node(), `${names[i]} − ${names[0]}: paired differences (minutes)`, { cls: 'diff-chart', height: 48 + 20 * items.length, margin: { left: Math.min(260, 12 + 6 * d3.max(items, (r) => RS.metricName(r.metric).length)), bottom: 38 } });
        const lo = (d) => d.mean - d.half, hi = (d) => d.mean + d.half;
        const x = d3.scaleLinear().domain([Math.min(0, d3.min(items, (r) => lo(r.diffs[i]))), Math.max(0, d3.max(items, (r) => hi(r.diffs[i])))]).nice().range([0, c.w]);
        const y = d3.scaleBand().domain(items.map((r) => RS.metricName(r.metric))).range([0, c.h]).padding(0.3);
        c.g.append('g').attr('class', 'axis').call(d3.axisLeft(y));
        c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).ticks(5).tickFormat(RS.axisFmt));
        c.g.append('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y2', c.h);
        const g = c.g.append('g').selectAll('g').data(items).join('g').attr('class', 'ci').attr('transform', (r) => `translate(0,${y(RS.metricName(r.metric)) + y.bandwidth() / 2})`);
        g.append('line').attr('x1', (r) => x(lo(r.diffs[i]))).attr('x2', (r) => x(hi(r.diffs[i]))).attr('stroke', color(i)).attr('stroke-width', 2);
        g.append('circle').attr('cx', (r) => x(r.diffs[i].mean)).attr('r', 3.5).attr('fill', color(i));
        RS.tipOn(g, (r) => [RS.metricName(r.metric), [['difference', `${RS.fmt(r.diffs[i].mean)} ± ${RS.fmt(r.diffs[i].half)}`], ['pairs', r.diffs[i].n], ['paired', r.diffs[i].paired ? 'yes (same seeds)' : 'no']]]);
        RS.axisTitles(c, `${names[i]} − ${names[0]} (min)`, null);
        RS.keys(c.keys, [{ name: 'difference, 95 % interval', color: color(i) }]);
      }
    }
  }

  function drawAll() {
    if (data.kind === 'compare-batches') drawBatches();
    else drawRuns();
    RS.addExports();
  }
  drawAll();
  let width = window.innerWidth, pending = null;
  window.addEventListener('resize', () => {
    if (Math.abs(window.innerWidth - width) < 40) return;
    clearTimeout(pending);
    pending = setTimeout(() => { width = window.innerWidth; drawAll(); drawMap(mapPick); }, 200);
  });
  document.documentElement.dataset.ready = 'true';
})();
