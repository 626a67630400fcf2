// The network map: a d3-geo Mercator projection fitted to the nodes, the layers of map-layers.js,
// zoom and pan, and the hooks playback uses (trucks layer, setTime, highlight).
(function () {
  const RS = window.RS;
  const active = (w, t) => t != null && w.fromMin <= t && t < w.toMin;

  /** Width from the container; height from the network's shape, leaving room for the playback bar. */
  function fit(container, pts) {
    const width = Math.max(280, container.clientWidth);
    const pad = width < 500 ? 22 : 36;
    const b = d3.geoPath(d3.geoMercator().fitWidth(width - 2 * pad, pts)).bounds(pts);
    const room = width < 500 ? window.innerHeight * 0.6 : window.innerHeight - 330;
    const height = Math.round(Math.min(Math.max(b[1][1] - b[0][1] + 2 * pad, 260), Math.max(300, room), width * 1.1));
    return { width, height, projection: d3.geoMercator().fitExtent([[pad, pad], [width - pad, height - pad]], pts) };
  }

  RS.drawMap = function (container, map) {
    const el = d3.select(container).html('');
    const { width, height, projection } = fit(container, { type: 'MultiPoint', coordinates: map.nodes.map((n) => [n.lon, n.lat]) });
    const xy = (lon, lat) => projection([lon, lat]);
    const cx = {
      map, width, xy, path: d3.geoPath(projection),
      nodeXY: map.nodes.map((n) => xy(n.lon, n.lat)), byId: new Map(map.nodes.map((n, i) => [n.id, i])),
    };
    const svg = el.append('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`)
      .attr('role', 'img').attr('aria-label', 'network map');
    const root = svg.append('g');
    const layer = (c) => root.append('g').attr('class', c);
    const L = RS.mapLayers;
    const zones = L.zones(layer('zones'), cx);
    L.roads(layer('roads'), cx);
    const [ce, cn] = L.closures(layer('closures'), cx);
    L.nodes(layer('nodes'), cx);
    const trucks = layer('trucks');
    const marks = layer('marks');
    const color = L.marks(marks, cx);
    const labels = L.labels(layer('labels'), cx);
    L.declutter(labels);

    // Drag pans; double-click, pinch or Ctrl+wheel zoom; a plain wheel or a vertical swipe scrolls the
    // page. Marks, dots and labels keep their screen size.
    let k = 1;
    const zoom = d3.zoom().scaleExtent([1, 16])
      .filter((e) => (e.type === 'wheel' ? e.ctrlKey || e.metaKey : !e.ctrlKey && !e.button));
    svg.call(zoom.on('end', () => L.declutter(labels)).on('zoom', (e) => {
      k = e.transform.k;
      root.attr('transform', e.transform);
      root.selectAll('.road, .zone, .closure, .closure-node').style('vector-effect', 'non-scaling-stroke');
      marks.selectAll('path').attr('transform', (m) => `translate(${xy(m.lon, m.lat)}) scale(${1 / k})`);
      root.selectAll('.node').attr('r', 2.2 / k);
      cn.attr('r', 9 / k);
      trucks.selectAll('circle').attr('r', 3.2 / k).attr('stroke-width', 0.6 / k);
      labels.style('stroke-width', `${3 / k}px`).style('font-size', `${11 / k}px`);
    }));
    svg.style('touch-action', 'pan-y');

    return {
      projection, svg, trucks, width, height, color,
      zoom: () => k,
      /** Emphasise one site's mark (from the sites table). */
      highlight(id) { marks.selectAll('path').classed('hl', (m) => m.id === id); },
      /** Shade what is in force at simulated minute t (zones by active rule, closures on). */
      setTime(t) {
        zones.attr('fill', (z) => { const c = z.controls.find((w) => active(w, t)); return RS.RULE_COLORS[c ? c.rule : 'open']; })
          .attr('fill-opacity', (z) => (z.controls.some((w) => active(w, t)) ? 0.2 : 0.05));
        ce.classed('active', (c) => active(c, t));
        cn.classed('active', (c) => active(c, t));
      },
    };
  };
})();
