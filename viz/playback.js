// Playback: a slider and a play button move sampled trucks over the map through simulated time.
// Frames come from Node: flat [truck, x, y, ...], lon = origin[0] + x * q; truck < 0 = waiting.
(function () {
  const RS = window.RS;

  function decode(pb, k) {
    const f = pb.frames[k] || [];
    const out = [];
    for (let i = 0; i + 2 < f.length; i += 3) {
      const code = f[i];
      out.push({ id: code < 0 ? -code - 1 : code, waiting: code < 0, lon: pb.origin[0] + f[i + 1] * pb.q, lat: pb.origin[1] + f[i + 2] * pb.q });
    }
    return out;
  }

  RS.playback = function (container, pb, api, clock) {
    const el = d3.select(container).html('');
    if (!pb || !pb.times || !pb.times.length) {
      el.append('span').attr('class', 'empty').text('No playback: the run has neither a trace (--trace) nor sampled positions.');
      api.setTime(null);
      return null;
    }
    const button = el.append('button').attr('type', 'button').attr('id', 'play').text('▶ Play');
    const slider = el.append('input').attr('type', 'range').attr('id', 'time-slider').attr('min', 0)
      .attr('max', pb.times.length - 1).attr('step', 1).attr('value', 0).attr('aria-label', 'simulated time');
    const label = el.append('span').attr('class', 'time');
    const count = el.append('span').attr('class', 'count');
    const source = pb.source === 'trace' ? 'from the trace' : 'sampled positions';

    function show(k) {
      const t = pb.times[k];
      const rows = decode(pb, k);
      const r = 3.2 / api.zoom();
      api.trucks.selectAll('circle').data(rows, (d) => d.id).join(
        (enter) => enter.append('circle').attr('r', r),
        (update) => update,
        (exit) => exit.remove(),
      ).attr('class', (d) => `truck ${d.waiting ? 'waiting' : ''}`)
        .attr('transform', (d) => `translate(${api.projection([d.lon, d.lat])})`)
        .attr('r', r).attr('stroke-width', 0.6 / api.zoom());
      api.setTime(t);
      label.text(clock.full(t));
      const n = pb.counts[k] || 0;
      count.text(`${RS.fmt(n)} truck${n === 1 ? '' : 's'} on the map${n > rows.length ? `, ${RS.fmt(rows.length)} shown` : ''} (${source})`);
    }

    let timer = null;
    const stop = () => { if (timer) timer.stop(); timer = null; button.text('▶ Play'); };
    button.on('click', () => {
      if (timer) return stop();
      let k = +slider.property('value');
      if (k >= pb.times.length - 1) k = 0;
      button.text('❚❚ Pause');
      // About 30 s for the whole run, never faster than 25 frames a second.
      const delay = Math.max(40, Math.round(30000 / pb.times.length));
      timer = d3.interval(() => {
        k += 1;
        if (k >= pb.times.length) return stop();
        slider.property('value', k);
        show(k);
      }, delay);
    });
    slider.on('input', () => { show(+slider.property('value')); });
    // Open at the busiest moment, so the first look shows the network at work.
    const first = pb.counts.reduce((best, c, k) => (c > pb.counts[best] ? k : best), 0);
    slider.property('value', first);
    show(first);
    return { show, stop };
  };
})();
