// Shared helpers for the report page: formatting, tooltip, clock (simulated minutes -> wall
// clock of the scenario), chart frames, window shading. Every module hangs off window.RS.
(function () {
  const RS = (window.RS = window.RS || {});

  RS.RULE_COLORS = { sealed: '#6a3d9a', relay: '#9e7cc1', open: '#9e9e9e' };
  RS.CLOSURE_COLOR = '#c0392b';
  RS.PALETTE = ['#2f5d8a', '#e07b39', '#3c9d5d', '#b8432f', '#7b5ea7', '#8c6d31', '#d16ba5', '#5f7c8a', '#a0a83b', '#2aa0a4'];

  const fmtInt = d3.format(',');
  RS.fmt = (v) => (v == null || Number.isNaN(v) ? '–' : Number.isInteger(v) ? fmtInt(v) : d3.format(',.4~r')(v));
  /**
   * "mean ± half" with the half-width to two significant digits and the mean to the same decimal
   * place ("2,043 ± 96", "0.25 ± 0.80"): digits beyond the interval's own say nothing.
   */
  RS.pm = (m, h) => {
    if (m == null || Number.isNaN(m)) return '–';
    if (h == null || !Number.isFinite(h)) return `${RS.fmt(m)} ± ∞`;
    const dec = h > 0 ? Math.min(4, Math.max(0, 1 - Math.floor(Math.log10(h)))) : 0;
    const f = d3.format(`,.${dec}f`);
    return `${f(m)} ± ${f(h)}`;
  };
  /** A share; never "100%" when something is missing, never "0%" when something is there. */
  RS.pct = (v) => (v == null || Number.isNaN(v) ? '–' : v < 1 && v >= 0.9995 ? '> 99.9%' : v > 0 && v < 0.0005 ? '< 0.1%' : d3.format('.1~%')(v));
  /** Minutes as "45 min", "3.5 h" or "2.1 d" (minutes below 3 h, so ticks read 60, 90, 120 min). */
  RS.dur = (m) => {
    if (m == null || Number.isNaN(m)) return '–';
    if (Math.abs(m) < 180) return `${d3.format('.3~r')(m)} min`;
    if (Math.abs(m) < 2880) return `${d3.format('.3~r')(m / 60)} h`;
    return `${d3.format('.3~r')(m / 1440)} d`;
  };
  /** "mean ± half" in one unit, the one RS.dur would pick for the larger of the two. */
  RS.durPm = (mean, half) => {
    if (mean == null) return '–';
    const m = Math.max(Math.abs(mean), half == null || !Number.isFinite(half) ? 0 : half);
    const [u, name] = m < 180 ? [1, 'min'] : m < 2880 ? [60, 'h'] : [1440, 'd'];
    const f = (v) => d3.format('.3~r')(v / u);
    return `${f(mean)} ± ${half == null || !Number.isFinite(half) ? '∞' : f(half)} ${name}`;
  };
  /** Ticks for a duration axis in minutes, all in one unit: [values, format] ("0 h, 2 h, 4 h"). */
  RS.durTicks = (max, count) => {
    const [unit, name] = max >= 4320 ? [1440, 'd'] : max >= 180 ? [60, 'h'] : [1, 'min'];
    return [d3.ticks(0, max / unit, count).map((v) => v * unit), (m) => `${d3.format('~g')(m / unit)} ${name}`];
  };
  /** A control or closure window, in minutes from the start ("12 h – 24 h", open-ended: "– end"). */
  RS.span = (from, to) => `${RS.dur(from)} – ${to >= 1e9 ? 'end' : RS.dur(to)}`;
  RS.esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

  // One tooltip for the page; shown on hover and on tap.
  const tip = document.getElementById('tooltip');
  RS.tip = {
    show(event, title, rows) {
      const body = (rows || []).map(([k, v]) => `<tr><td>${RS.esc(k)}</td><td>${RS.esc(typeof v === 'number' ? RS.fmt(v) : v)}</td></tr>`).join('');
      tip.innerHTML = `<b>${RS.esc(title)}</b>${body ? `<table>${body}</table>` : ''}`;
      tip.hidden = false;
      const pad = 12;
      const w = tip.offsetWidth, h = tip.offsetHeight;
      let x = event.clientX + pad, y = event.clientY + pad;
      if (x + w > window.innerWidth - 4) x = Math.max(4, event.clientX - w - pad);
      if (y + h > window.innerHeight - 4) y = Math.max(4, event.clientY - h - pad);
      tip.style.left = `${x}px`;
      tip.style.top = `${y}px`;
    },
    hide() { tip.hidden = true; },
  };
  /** Attach tooltip handlers to a selection: f(d) -> [title, rows]. */
  RS.tipOn = (sel, f) => sel
    .on('pointerenter pointermove', (e, d) => { const [t, r] = f(d); RS.tip.show(e, t, r); })
    .on('pointerleave', () => RS.tip.hide());

  /** Simulated minutes -> Date on the scenario's wall clock (startTime's local time, shown as UTC). */
  RS.clock = (meta) => {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?/.exec((meta && meta.startTime) || '');
    const base = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0)) : 0;
    const date = (min) => new Date(base + min * 60000);
    const hm = d3.utcFormat('%H:%M');
    const day = m ? d3.utcFormat('%b %-d') : (d) => `day ${Math.floor(d.getTime() / 864e5) + 1}`;
    const tick = (d) => (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? day(d) : hm(d));
    const full = (min) => `${day(date(min))} ${hm(date(min))}`;
    return { base, date, tick, full };
  };

  /** A chart card: <figure><h3/><div.keys/><svg/></figure>; returns sizes and the inner <g>. */
  RS.frame = (parent, title, opts = {}) => {
    const fig = d3.select(parent).append('figure').attr('class', `chart ${opts.cls || ''}`);
    fig.append('h3').text(title);
    const keys = fig.append('div').attr('class', 'keys');
    const width = Math.max(260, fig.node().clientWidth - 20);
    const height = opts.height || (width < 480 ? 170 : 190);
    const margin = Object.assign({ top: 8, right: 20, bottom: 24, left: 42 }, opts.margin || {});
    const svg = fig.append('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
    return { fig, keys, svg, g, width, height, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom, margin };
  };

  /** Legend chips: items [{name, color, box?}]. */
  RS.keys = (sel, items) => {
    const k = sel.selectAll('span.key').data(items).join('span').attr('class', 'key');
    k.append('span').attr('class', (d) => `sw ${d.box ? 'box' : ''}`).style('background', (d) => d.color);
    k.append('span').text((d) => d.name);
  };

  /** Shade control windows and closures behind a time chart. */
  RS.shade = (g, x, h, windows) => {
    const layer = g.append('g').attr('class', 'windows');
    const [lo, hi] = x.domain();
    const clip = (m) => x(Math.max(lo, Math.min(hi, m)));
    layer.selectAll('rect').data((windows || []).filter((d) => d.toMin > lo && d.fromMin < hi)).join('rect')
      .attr('x', (d) => clip(d.fromMin)).attr('width', (d) => Math.max(1, clip(d.toMin) - clip(d.fromMin)))
      .attr('y', (d) => (d.kind === 'closure' ? 0 : 0)).attr('height', h)
      .attr('fill', (d) => (d.kind === 'closure' ? RS.CLOSURE_COLOR : RS.RULE_COLORS[d.rule] || '#999'))
      .attr('fill-opacity', (d) => (d.kind === 'closure' ? 0.1 : 0.07));
    // Each zone window is named, at its top left, when there is room for the name.
    const zonesShown = (windows || []).filter((d) => d.kind === 'zone' && d.toMin > lo && d.fromMin < hi);
    zonesShown.forEach((d, i) => {
      const x0 = clip(d.fromMin), wpx = clip(d.toMin) - x0;
      if (wpx < 40) return;
      layer.append('text').attr('class', 'window-label').attr('x', x0 + 3).attr('y', 10 + (i % 3) * 11).text(`${d.id} ${d.rule}`);
    });
    return layer;
  };

  RS.windowKeys = (windows) => {
    const seen = new Map();
    for (const w of windows || []) {
      const name = w.kind === 'closure' ? 'closure' : `zone ${w.rule || ''}`.trim();
      if (!seen.has(name)) seen.set(name, { name, box: true, color: w.kind === 'closure' ? RS.CLOSURE_COLOR : RS.RULE_COLORS[w.rule] || '#999' });
    }
    return [...seen.values()];
  };

  /** x axis over simulated minutes, labelled on the scenario's clock (round hours/days from 0 without a startTime). */
  RS.timeAxis = (g, x, h, clock, w) => {
    const n = Math.max(2, Math.floor(w / 90));
    let axis;
    if (clock.base) {
      const ux = d3.scaleUtc().domain(x.domain().map(clock.date)).range(x.range());
      axis = d3.axisBottom(ux).ticks(n).tickFormat(clock.tick);
    } else {
      const [a, b] = x.domain();
      const step = [60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200].find((s) => (b - a) / s <= n) || 43200;
      axis = d3.axisBottom(x).tickValues(d3.range(Math.ceil(a / step) * step, b + 1e-9, step)).tickFormat((m) => clock.tick(clock.date(m)));
    }
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(axis.tickSizeOuter(0));
  };

  /** Axis titles of a chart frame: x under the axis at the right, y rotated along the left edge. */
  RS.axisTitles = (c, xTitle, yTitle) => {
    if (xTitle) c.g.append('text').attr('class', 'axis-title').attr('x', c.w).attr('y', c.h + c.margin.bottom - 4).attr('text-anchor', 'end').text(xTitle);
    if (yTitle) c.g.append('text').attr('class', 'axis-title').attr('transform', `translate(${8 - c.margin.left},${c.h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yTitle);
  };

  /** Counts: 0.5, 12, 3.4k (no "m" for milli on small fractional values). */
  RS.capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  RS.axisFmt = (v) => (Math.abs(v) >= 1000 ? d3.format('~s')(v) : d3.format('~g')(v));

  RS.yAxis = (g, y, w, fmt) => {
    g.append('g').attr('class', 'grid-lines').call(d3.axisLeft(y).ticks(4).tickSize(-w).tickFormat('')).call((s) => s.select('.domain').remove());
    g.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(4).tickFormat(fmt || RS.axisFmt));
  };
})();
