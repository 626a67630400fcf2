// Time charts: one line per element (checkpoint, station, factory) over simulated time, with
// control windows and closures shaded; bars for deliveries per hour. Hover shows the values.
(function () {
  const RS = window.RS;

  /** opts: {title, t, lines: [{name, values}], windows, bands: [{fromMin, toMin}], bandLabel, clock, fmt} */
  RS.lineChart = function (parent, opts) {
    const c = RS.frame(parent, opts.title, { cls: opts.cls, margin: { left: 48, bottom: 36 } });
    const t = opts.t;
    const x = d3.scaleLinear().domain([t[0] || 0, opts.endMin || t[t.length - 1] || 1]).range([0, c.w]);
    const ymax = Math.max(d3.max(opts.lines, (l) => d3.max(l.values)) || 1, d3.max(opts.capacity || [], (d) => d.value) || 0);
    const y = d3.scaleLinear().domain([0, ymax]).nice().range([c.h, 0]);
    RS.shade(c.g, x, c.h, opts.windows);
    RS.yAxis(c.g, y, c.w, opts.fmt);
    RS.timeAxis(c.g, x, c.h, opts.clock, c.w);
    const color = (i) => RS.PALETTE[i % RS.PALETTE.length];
    const line = d3.line().defined((v) => v != null && !Number.isNaN(v)).x((v, i) => x(t[i])).y((v) => y(v)).curve(d3.curveStepAfter);
    c.g.append('g').selectAll('path').data(opts.lines).join('path').attr('class', 'series')
      .attr('stroke', (l, i) => color(i)).attr('d', (l) => line(l.values)).attr('data-name', (l) => l.name);
    const keys = opts.lines.map((l, i) => ({ name: l.name, color: color(i) }));
    if (opts.bands && opts.bands.length) keys.push({ name: opts.bandLabel || 'stopped', color: RS.CLOSURE_COLOR });
    // Capacities (storage, local fleet): dashed, in the colour of their line.
    const caps = (opts.capacity || []).filter((d) => d.value != null);
    c.g.append('g').selectAll('line').data(caps).join('line').attr('class', 'capacity')
      .attr('x1', 0).attr('x2', c.w).attr('y1', (d) => y(d.value)).attr('y2', (d) => y(d.value))
      .attr('stroke', (d) => color(opts.lines.findIndex((l) => l.name === d.name)));
    if (caps.length) keys.push({ name: `capacity (dashed)`, color: '#9aa5b1' });
    RS.axisTitles(c, opts.clock.base ? 'scenario date and time' : 'day and time since the start', opts.yTitle);
    RS.keys(c.keys, keys.concat(RS.windowKeys(opts.windows)));
    const unit = opts.unit ? ` ${opts.unit}` : '';
    hover(c, x, t, (i) => opts.lines.map((l) => [l.name, l.values[i] == null ? '–' : `${RS.fmt(l.values[i])}${unit}`]).concat(caps.map((d) => [`${d.name} capacity`, `${RS.fmt(d.value)}${unit}`])), opts.clock);
    // Drawn after the hover layer so their own tooltips win.
    const bands = c.g.append('g').selectAll('rect').data(opts.bands || []).join('rect').attr('class', 'band')
      .attr('x', (d) => x(d.fromMin)).attr('width', (d) => Math.max(2, x(d.toMin) - x(d.fromMin)))
      .attr('y', c.h - 6).attr('height', 6).attr('fill', RS.CLOSURE_COLOR);
    RS.tipOn(bands, (d) => [`${d.id ? `${d.id}: ` : ''}${opts.bandLabel || 'stopped'}`, [['from', opts.clock.full(d.fromMin)], ['to', opts.clock.full(d.toMin)], ['for', RS.dur(d.toMin - d.fromMin)]]]);
    return c;
  };

  /** opts: {title, stepMin, counts, windows, clock, endMin} */
  RS.barChart = function (parent, opts) {
    const c = RS.frame(parent, opts.title, { cls: opts.cls, margin: { left: 48, bottom: 36 } });
    const n = opts.counts.length;
    const end = Math.max(opts.endMin || 0, n * opts.stepMin);
    const x = d3.scaleLinear().domain([0, end]).range([0, c.w]);
    const y = d3.scaleLinear().domain([0, d3.max(opts.counts) || 1]).nice().range([c.h, 0]);
    RS.shade(c.g, x, c.h, opts.windows);
    RS.yAxis(c.g, y, c.w);
    RS.timeAxis(c.g, x, c.h, opts.clock, c.w);
    const g = c.g.append('g').attr('class', 'series bars');
    if (n <= c.w / 3) {
      const bw = Math.max(0.5, x(opts.stepMin) - x(0) - 1);
      g.selectAll('rect').data(opts.counts).join('rect').attr('class', 'bar').attr('fill', RS.PALETTE[0])
        .attr('x', (v, i) => x(i * opts.stepMin)).attr('width', bw).attr('y', (v) => y(v)).attr('height', (v) => c.h - y(v));
    } else { // too many bars for the pixels: a stepped area says the same
      const area = d3.area().curve(d3.curveStepAfter).x((v, i) => x(i * opts.stepMin)).y0(c.h).y1((v) => y(v));
      g.append('path').attr('class', 'bar-area').attr('fill', RS.PALETTE[0]).attr('d', area(opts.counts.concat([opts.counts[n - 1]])));
    }
    RS.axisTitles(c, opts.clock.base ? 'scenario date and time' : 'day and time since the start', opts.yTitle || 'shipments / h');
    RS.keys(c.keys, [{ name: opts.key || 'delivered', color: RS.PALETTE[0] }].concat(RS.windowKeys(opts.windows)));
    const t = opts.counts.map((v, i) => i * opts.stepMin);
    hover(c, x, t, (i) => [[opts.key || 'delivered', opts.counts[i]]], opts.clock, opts.stepMin);
    return c;
  };

  /** A vertical rule that follows the pointer; the tooltip lists the values at that sample. */
  function hover(c, x, t, rowsAt, clock, span) {
    if (!t.length) return;
    const rule = c.g.append('line').attr('class', 'rule').attr('y1', 0).attr('y2', c.h).style('display', 'none');
    c.g.append('rect').attr('width', c.w).attr('height', c.h).attr('fill', 'transparent')
      .on('pointermove', (e) => {
        const m = x.invert(d3.pointer(e)[0]);
        const i = Math.max(0, Math.min(t.length - 1, d3.bisectRight(t, m) - 1));
        rule.attr('x1', x(t[i])).attr('x2', x(t[i])).style('display', null);
        const when = span ? `${clock.full(t[i])} – ${clock.full(t[i] + span)}` : clock.full(t[i]);
        RS.tip.show(e, when, rowsAt(i));
      })
      .on('pointerleave', () => { rule.style('display', 'none'); RS.tip.hide(); });
  }

  /** All time charts of a run. */
  RS.seriesSection = function (container, data, clock) {
    const s = data.series;
    const el = d3.select(container).html('');
    const end = data.meta.endMin || data.meta.horizonMin;
    const base = { t: s.t, windows: s.windows, clock, endMin: end };
    const lines = (group, key) => Object.entries(group || {}).map(([id, v]) => ({ name: id, values: v[key] || [] }));
    const fig = (id, key) => { const m = (data.map.stations || []).find((x) => x.id === id); return m && typeof m.figures[key] === 'number' ? m.figures[key] : null; };
    const cap = (ls, key) => ls.map((l) => ({ name: l.name, value: fig(l.name, key) }));
    const storage = lines(s.stations, 'storage'), busy = lines(s.stations, 'localBusy');
    const charts = [
      ['Checkpoint queues', lines(s.checkpoints, 'queue'), 'chart-checkpoint-queue', 'trucks waiting', 'trucks'],
      ['Station gate queues (waiting to unload)', lines(s.stations, 'gateQueue'), 'chart-station-queue', 'trucks waiting', 'trucks'],
      ['Loads in station storage', storage, 'chart-storage', 'loads', 'loads', cap(storage, 'storageLoads')],
      ['Local trucks busy', busy, 'chart-local-busy', 'trucks', 'trucks', cap(busy, 'localTrucks')],
    ];
    if (!s.t.length) el.append('p').attr('class', 'empty').text('No series.json in this run.');
    else {
      for (const [title, ls, cls, yTitle, unit, capacity] of charts) if (ls.length) RS.lineChart(el.node(), { ...base, title, lines: ls, cls, yTitle, unit, capacity });
      const stock = lines(s.factories, 'stock');
      const bands = Object.entries(s.lineStops || {}).flatMap(([id, b]) => b.map((x) => ({ ...x, id })));
      if (stock.length) RS.lineChart(el.node(), { ...base, title: 'Factory stock; red ticks: line stopped', lines: stock, bands, bandLabel: 'line stopped', cls: 'chart-stock', yTitle: 'loads in stock', unit: 'loads' });
    }
    const d = s.delivered;
    if (d && d.counts && d.counts.length) {
      RS.barChart(el.node(), { title: `Delivered shipments per hour${d.stepMin > 60 ? ` (mean over each ${RS.dur(d.stepMin)})` : ''}`, stepMin: d.stepMin, counts: d.counts, windows: s.windows, clock, endMin: end, cls: 'chart-delivered' });
    }
  };
})();
