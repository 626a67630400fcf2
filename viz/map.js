// The network map: a d3-geo Mercator projection fitted to the nodes and the zones, over Natural
// Earth land, with the layers of map-layers.js, zoom and pan, and the hooks playback uses.
(function () {
  const RS = window.RS;
  const active = (w, t) => t != null && w.fromMin <= t && t < w.toMin;

  /** Width from the container; height from the shape of what is shown, leaving room for the page around it. */
  function fit(container, pts, maxHeight) {
    const width = Math.max(280, container.clientWidth);
    const pad = width < 500 ? 16 : 28;
    const b = d3.geoPath(d3.geoMercator().fitWidth(width - 2 * pad, pts)).bounds(pts);
    const room = maxHeight || (width < 500 ? window.innerHeight * 0.7 : Math.max(520, window.innerHeight - 110));
    const height = Math.round(Math.min(Math.max(b[1][1] - b[0][1] + 2 * pad, 280), room, width * 1.3));
    return { width, height, projection: d3.geoMercator().fitExtent([[pad, pad], [width - pad, height - pad]], pts) };
  }

  /**
   * opts: {clock, roadColor(e), roadRows(e), markColor, markRows(m), extraLabels: [{id, text, lon, lat, r, rank, cls}],
   * overlay(root, cx): draw more marks in the zoomed layer, returns a function called with the zoom factor,
   * fitTo: [[lon, lat]...] to frame instead of every node and zone, maxHeight: px}.
   * Where sites crowd so that some of their labels find no place, a close-up of them is drawn in the
   * element with the id of `container` + "-inset" (when the page has one), labelled the same way.
   */
  /**
   * The close-up: framed on the marks whose labels the full view had to hide (with their neighbours
   * within the same box), named after the zone most of them are in; hidden when nothing was hidden.
   */
  function drawInset(el, map, opts, labels) {
    const hidden = labels.filter(function () { return this.style.visibility === 'hidden'; }).data().filter((d) => !String(d.id).startsWith('city:'));
    const box = d3.select(el);
    if (!hidden.length) { box.attr('hidden', true).html(''); return; }
    const [x0, x1] = d3.extent(hidden, (d) => d.lon), [y0, y1] = d3.extent(hidden, (d) => d.lat);
    // At least some 50 km across, so that two crowded marks still show where they are.
    const dx = Math.max(0.25 - (x1 - x0) / 2, (x1 - x0) * 0.15), dy = Math.max(0.2 - (y1 - y0) / 2, (y1 - y0) * 0.15);
    const fitTo = [[x0 - dx, y0 - dy], [x1 + dx, y1 + dy]];
    const zone = d3.greatest(map.zones.map((z) => {
      const f = RS.mapLayers.zoneFeature(z);
      return { z, n: f ? hidden.filter((d) => d3.geoContains(f, [d.lon, d.lat])).length : 0 };
    }), (c) => c.n);
    box.attr('hidden', null).html('');
    box.append('h3').attr('class', 'inset-title').text(zone && zone.n ? `Close-up: ${RS.capitalize(String(zone.z.name || zone.z.id))}` : 'Close-up');
    const body = box.append('div').attr('id', `${el.id}-map`).node();
    RS.drawMap(body, map, { ...opts, fitTo, inset: false, maxHeight: window.innerWidth < 500 ? 320 : 420 });
  }

  RS.drawMap = function (container, map, opts = {}) {
    const el = d3.select(container).html('');
    const pts = opts.fitTo ? [...opts.fitTo] : [...map.nodes.map((n) => [n.lon, n.lat])];
    for (const z of opts.fitTo ? [] : map.zones) {
      const f = RS.mapLayers.zoneFeature(z);
      if (f) pts.push(...d3.geoBounds(f)); // corners of the zone's box
    }
    const { width, height, projection } = fit(container, { type: 'MultiPoint', coordinates: pts }, opts.maxHeight);
    const xy = (lon, lat) => projection([lon, lat]);
    const cx = {
      ...opts, map, width, height, projection, xy, path: d3.geoPath(projection), clock: opts.clock || RS.clock({}),
      nodeXY: map.nodes.map((n) => xy(n.lon, n.lat)), byId: new Map(map.nodes.map((n, i) => [n.id, i])),
    };
    const svg = el.append('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`)
      .attr('class', 'map-svg').attr('role', 'img').attr('aria-label', 'network map');
    svg.append('rect').attr('class', 'sea').attr('width', width).attr('height', height);
    const root = svg.append('g');
    const layer = (c) => root.append('g').attr('class', c);
    const L = RS.mapLayers;
    L.land(layer('basemap'), cx);
    const divisionNames = L.divisionNames(layer('division-names'), cx);
    const zones = L.zones(layer('zones'), cx);
    const zoneNames = L.zoneNames(layer('zone-names'), cx);
    L.roads(layer('roads'), cx);
    const [ce, cn] = L.closures(layer('closures'), cx);
    L.nodes(layer('nodes'), cx);
    const trucks = layer('trucks');
    const marks = layer('marks');
    const color = L.marks(marks, cx);
    const more = opts.overlay ? opts.overlay(root, cx) : null;
    const leaderLayer = svg.append('g').attr('class', 'leaders'); // under the labels
    const labelLayer = svg.append('g').attr('class', 'labels'); // screen space: labels keep their size and stay on their marks
    const labels = L.labels(labelLayer, cx);
    const scale = L.scaleBar(svg.append('g'), cx);
    if (map.basemap) {
      svg.append('text').attr('class', 'credit').attr('x', width - 6).attr('y', height - 6).attr('text-anchor', 'end')
        .text(map.basemap.borders && map.basemap.borders.coordinates.length ? 'land and provinces: Natural Earth' : 'land: Natural Earth');
    }

    let t = d3.zoomIdentity;
    const place = () => {
      labels.each((d) => { const p = xy(d.lon, d.lat); d.x = t.applyX(p[0]); d.y = t.applyY(p[1]); });
      // Marks are obstacles too, so a label never hides a site; so are zone and province names.
      const obstacles = [];
      svg.selectAll('.marks path, .obstacle, .zone-name, .division-name, .scale-bg, .credit').each(function (m) {
        const r = this.getBoundingClientRect(), s = svg.node().getBoundingClientRect();
        obstacles.push({ id: m && m.id, x: r.left - s.left, y: r.top - s.top, w: r.width, h: r.height });
      });
      RS.placeLabels(labels, [width, height], obstacles);
      drawLeaders();
      // A province name cut by the map's edge reads as a stray syllable ("ui" of Anhui): hide it.
      const s = svg.node().getBoundingClientRect();
      divisionNames.style('visibility', function () { const r = this.getBoundingClientRect(); return r.left < s.left || r.right > s.right || r.top < s.top || r.bottom > s.bottom ? 'hidden' : null; });
    };
    function drawLeaders() {
      const led = labels.data().filter((d) => d.lead);
      leaderLayer.selectAll('line').data(led).join('line').attr('class', 'leader')
        .attr('x1', (d) => d.x + d.lead[0]).attr('y1', (d) => d.y + d.lead[1]).attr('x2', (d) => d.x + d.lead[2]).attr('y2', (d) => d.y + d.lead[3]);
    }
    place();
    const inset = opts.inset === false ? null : document.getElementById(`${container.id}-inset`);
    if (inset) drawInset(inset, map, opts, labels);

    // Drag pans; double-click, pinch or Ctrl+wheel zoom; a plain wheel or a vertical swipe scrolls the
    // page. Marks, dots and labels keep their screen size.
    const zoom = d3.zoom().scaleExtent([1, 24])
      .filter((e) => (e.type === 'wheel' ? e.ctrlKey || e.metaKey : !e.ctrlKey && !e.button));
    svg.call(zoom.on('end', place).on('zoom', (e) => {
      t = e.transform;
      const k = t.k;
      root.attr('transform', t);
      marks.selectAll('path').attr('transform', (m) => `translate(${xy(m.lon, m.lat)}) scale(${1 / k})`);
      root.selectAll('.node').attr('r', (n) => (n.kind === 'city' ? 3.2 : 2.2) / k);
      cn.attr('r', 9 / k);
      trucks.selectAll('circle').attr('r', 3.2 / k).attr('stroke-width', 0.6 / k);
      zoneNames.style('font-size', `${12 / k}px`);
      divisionNames.style('font-size', `${13 / k}px`);
      // Labels follow their marks during the gesture; they are placed again when it ends.
      labels.attr('x', function (d) { const p = xy(d.lon, d.lat); const dx = (+this.getAttribute('x') || 0) - d.x; d.x = t.applyX(p[0]); return d.x + dx; })
        .attr('y', function (d) { const p = xy(d.lon, d.lat); const dy = (+this.getAttribute('y') || 0) - d.y; d.y = t.applyY(p[1]); return d.y + dy; });
      drawLeaders();
      scale(k);
      if (more) more(k);
    }));
    svg.style('touch-action', 'pan-y');

    return {
      projection, svg, root, trucks, width, height, color, labels,
      zoom: () => t.k,
      /** Emphasise one site's mark (from the sites table). */
      highlight(id) { marks.selectAll('path').classed('hl', (m) => m.id === id); },
      /** Shade what is in force at simulated minute t (zones by active rule, closures on). */
      setTime(time) {
        zones.attr('fill', (z) => { const c = z.controls.find((w) => active(w, time)); return RS.RULE_COLORS[c ? c.rule : 'open']; })
          .attr('fill-opacity', (z) => (z.controls.some((w) => active(w, time)) ? 0.2 : 0.05));
        ce.classed('active', (c) => active(c, time));
        cn.classed('active', (c) => active(c, time));
      },
    };
  };
})();
