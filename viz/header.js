// Title, scenario line (name, seed, parameters) and the headline cards.
(function () {
  const RS = window.RS;

  function metaLine(meta, extra) {
    const el = d3.select('#meta');
    const items = [];
    if (meta.scenario) items.push(['scenario', meta.scenario]);
    if (meta.seed != null) items.push(['seed', meta.seed]);
    if (meta.startTime) items.push(['start', meta.startTime]);
    if (meta.horizonMin != null) items.push(['horizon', RS.dur(meta.horizonMin)]);
    if (meta.warmupMin) items.push(['warm-up', RS.dur(meta.warmupMin)]);
    if (meta.drainMin) items.push(['drain', RS.dur(meta.drainMin)]);
    for (const e of extra || []) items.push(e);
    const sets = Array.isArray(meta.sets) ? meta.sets : meta.sets && typeof meta.sets === 'object'
      ? Object.entries(meta.sets).map(([k, v]) => `${k}=${JSON.stringify(v)}`) : [];
    const span = el.selectAll('span.item').data(items).join('span').attr('class', 'item');
    span.text((d) => `${d[0]} `).append('code').text((d) => d[1]);
    if (sets.length) el.append('span').attr('class', 'item').text('--set ').selectAll('code').data(sets).join('code').text((d) => d).each(function () { this.after(' '); });
  }

  function cards(list) {
    const c = d3.select('#headline').selectAll('div.card').data(list).join('div').attr('class', (d) => `card ${d.bad ? 'bad' : ''}`);
    c.append('div').attr('class', 'k').text((d) => d.k);
    c.append('div').attr('class', 'v').text((d) => d.v).attr('title', (d) => d.v);
    c.append('div').attr('class', 's').text((d) => d.s || '').attr('title', (d) => d.s || '');
  }

  RS.header = function (data) {
    const m = data.meta || {};
    document.title = `relaysim: ${m.title || m.scenario || 'report'}`;
    d3.select('#title').text(m.title || m.scenario || 'relaysim run');
    metaLine(m);
    const h = data.headline || {};
    const sh = h;
    const lineStops = h.lineStopHours;
    cards([
      { k: 'Delivered', v: RS.fmt(sh.delivered), s: `of ${RS.fmt(sh.created)} · ${RS.fmt(sh.failed || 0)} failed · ${RS.fmt(sh.inSystem || 0)} open` },
      { k: 'On time', v: RS.pct(h.onTimeShare), s: 'of delivered', bad: h.onTimeShare != null && h.onTimeShare < 0.8 },
      { k: 'Mean lead time', v: RS.dur(h.meanLeadMin), s: 'delivered, after warm-up' },
      { k: 'p95 lead time', v: RS.dur(h.p95LeadMin), s: '95 % delivered within' },
      { k: 'Worst checkpoint', v: h.worstCheckpoint ? RS.dur(h.worstCheckpoint.meanWaitMin) : '–', s: h.worstCheckpoint ? `${h.worstCheckpoint.id}: mean wait` : 'no checkpoints' },
      { k: 'Busiest station', v: h.busiestStation ? RS.fmt(h.busiestStation.transfers) : '–', s: h.busiestStation ? `${h.busiestStation.id}: transfers` : 'no stations' },
      { k: 'Line stopped', v: lineStops == null ? '–' : `${d3.format(',.1~f')(lineStops)} h`, s: 'factory hours, no stock', bad: lineStops > 0 },
    ]);
  };

  RS.batchHeader = function (data) {
    const m = data.meta || {};
    d3.select('#title').text(`Batch: ${m.title || m.scenario || m.name || 'parameter sweep'}`);
    metaLine(m, data.swept.length ? [['swept', data.swept.join(', ')]] : []);
    const best = data.leadMetric ? data.rows.filter((r) => r.metrics[data.leadMetric]).sort((a, b) => a.metrics[data.leadMetric].mean - b.metrics[data.leadMetric].mean) : [];
    cards([
      { k: 'Grid points', v: RS.fmt(data.rows.length), s: `${data.swept.length} swept parameter${data.swept.length === 1 ? '' : 's'}` },
      { k: 'Metrics', v: RS.fmt(data.metrics.length), s: data.metrics.slice(0, 4).map(RS.metricName).join(', ') },
      { k: 'Replications', v: RS.fmt(d3.max(data.rows, (r) => d3.max(Object.values(r.metrics), (x) => x.n))), s: 'per grid point (max n)' },
      ...(best.length ? [
        { k: `Best ${RS.metricName(data.leadMetric).replace(/ \(.*\)$/, '')}`, v: RS.metricFormat(data.leadMetric)(best[0].metrics[data.leadMetric].mean), s: RS.pointName(data, best[0]) },
        { k: `Worst ${RS.metricName(data.leadMetric).replace(/ \(.*\)$/, '')}`, v: RS.metricFormat(data.leadMetric)(best[best.length - 1].metrics[data.leadMetric].mean), s: RS.pointName(data, best[best.length - 1]), bad: true },
      ] : []),
    ]);
  };
})();
