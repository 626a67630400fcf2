// Labels that do not pile up: each label tries eight places around its mark (right, left, above,
// below, then the corners) and takes the first that overlaps no label placed before it and no other
// mark. Where sites crowd (Shanghai at full view), a site's label may then stand further out, joined
// to its mark by a thin leader line that crosses no label; a label with no free place at all is
// hidden until zooming makes room. Important labels go first.
(function () {
  const RS = window.RS;
  const overlaps = (a, b, m = 1) => a.x < b.x + b.w + m && b.x < a.x + a.w + m && a.y < b.y + b.h + m && b.y < a.y + a.h + m;

  /** Does the segment (x1,y1)-(x2,y2) pass through the box (Liang-Barsky)? */
  function crosses([x1, y1, x2, y2], b, m = 1) {
    const dx = x2 - x1, dy = y2 - y1;
    let t0 = 0, t1 = 1;
    for (const [p, q] of [[-dx, x1 - (b.x - m)], [dx, b.x + b.w + m - x1], [-dy, y1 - (b.y - m)], [dy, b.y + b.h + m - y1]]) {
      if (p === 0) { if (q < 0) return false; continue; }
      const t = q / p;
      if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  }

  /** Places further out for a label of box w x h, ring by ring: [box left, box top] offsets from the mark. */
  function farSpots(g, w, h) {
    const out = [];
    for (const k of [2.2, 3.2, 4.6, 6.4, 8.6, 11.5]) {
      for (let i = 0; i < 16; i++) {
        const a = (i / 16) * 2 * Math.PI, c = Math.cos(a), s = Math.sin(a), R = g * k;
        const ax = R * c, ay = R * s;
        out.push([ax + (c > 0.3 ? 0 : c < -0.3 ? -w : -w / 2), ay + (s > 0.3 ? 0 : s < -0.3 ? -h : -h / 2)]);
      }
    }
    return out;
  }

  /**
   * sel: a selection of <text>, each datum with {x, y, r} in screen pixels (r: the mark's radius) and
   * an optional `rank` (lower goes first; rank <= 2 may take a place further out with a leader).
   * bounds: [w, h]. obstacles: boxes {x, y, w, h} to avoid. Sets each datum's `lead` to the leader
   * [x1, y1, x2, y2] relative to the mark, or null.
   */
  RS.placeLabels = (sel, bounds, obstacles = []) => {
    const placed = [], leaders = [];
    const nodes = sel.nodes().map((n) => ({ n, d: d3.select(n).datum() }))
      .sort((a, b) => (a.d.rank ?? 0) - (b.d.rank ?? 0));
    const free = (d, box, own) => !(box.x < 2 || box.y < 2 || box.x + box.w > bounds[0] - 2 || box.y + box.h > bounds[1] - 2)
      && !placed.some((p) => overlaps(p, box)) && !leaders.some((l) => crosses(l, box, 0.5))
      && !obstacles.some((o) => o.id !== d.id && overlaps(o, box, 0)) && (!own || !placed.some((p) => crosses(own, p)));
    for (const { n, d } of nodes) {
      n.style.visibility = '';
      d.lead = null;
      n.setAttribute('x', 0); n.setAttribute('y', 0); n.setAttribute('text-anchor', 'start');
      const b = n.getBBox(); // at the origin: width, height and how far the baseline sits
      const w = b.width, h = b.height, g = (d.r || 4) + 3;
      const near = [
        [g, -h / 2], [-g - w, -h / 2], [-w / 2, -g - h], [-w / 2, g],
        [g * 0.7, -g * 0.7 - h], [-g * 0.7 - w, -g * 0.7 - h], [g * 0.7, g * 0.7], [-g * 0.7 - w, g * 0.7],
      ];
      let box = null;
      for (const [dx, dy] of near) {
        const c = { x: d.x + dx, y: d.y + dy, w, h };
        if (free(d, c)) { box = c; break; }
      }
      if (!box && (d.rank ?? 0) <= 2) {
        for (const [dx, dy] of farSpots(g, w, h)) {
          const c = { x: d.x + dx, y: d.y + dy, w, h };
          // From the mark's edge to the nearest point of the label.
          const ex = Math.max(c.x, Math.min(d.x, c.x + w)) - d.x, ey = Math.max(c.y, Math.min(d.y, c.y + h)) - d.y;
          const len = Math.hypot(ex, ey) || 1, r0 = (d.r || 4) + 1;
          const lead = [(ex / len) * r0, (ey / len) * r0, ex, ey];
          const abs = [d.x + lead[0], d.y + lead[1], d.x + lead[2], d.y + lead[3]];
          if (free(d, c, abs)) { box = c; d.lead = lead; leaders.push(abs); break; }
        }
      }
      if (!box) { n.style.visibility = 'hidden'; continue; }
      n.setAttribute('x', box.x);
      n.setAttribute('y', box.y - b.y);
      placed.push(box);
    }
    return placed.length;
  };
})();
