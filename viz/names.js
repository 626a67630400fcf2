// Readable names and units for the figures of summary.json and network.json, so tooltips and chart
// titles say "mean wait, white-listed: 4.2 min" rather than "meanWaitByClassMin.whitelist 4.2".
(function () {
  const RS = window.RS;
  const CLASS = { whitelist: 'white-listed', normal: 'normal' };
  const dur = (v) => RS.dur(v);
  const count = (unit) => (v) => `${RS.fmt(v)}${unit ? ` ${unit}` : ''}`;
  const pct = (v) => RS.pct(v);
  const yesNo = (v) => (v === true || v === 'true' ? 'yes' : v === false || v === 'false' ? 'no' : String(v));
  /** field -> [label, format]; "{c}" is replaced by the priority class of a byClass field. */
  const FIELDS = {
    name: ['name', String], zone: ['zone', String], kind: ['kind', String],
    lanes: ['lanes', count('')], priorityLanes: ['priority lanes', count('')], requirePass: ['pass required', yesNo],
    rejectShare: ['turned back with a pass', pct],
    served: ['trucks served', count('')], servedByClass: ['served, {c}', count('')],
    meanWaitMin: ['mean wait', dur], meanWaitByClassMin: ['mean wait, {c}', dur],
    utilization: ['utilization', pct], localUtilization: ['local trucks busy', pct],
    maxQueue: ['longest queue', count('trucks')], turnedBack: ['turned back', count('trucks')],
    transfers: ['transfers', count('loads')], docks: ['docks', count('')], localTrucks: ['local trucks', count('')],
    storageLoads: ['storage', count('loads')], maxStorage: ['most in storage', count('loads')],
    localTrips: ['local trips', count('')], meanDwellMin: ['mean dwell', dur], arrivals: ['arrivals', count('trucks')],
    lineStopMin: ['line stopped', dur], stops: ['line stops', count('')], minStock: ['lowest stock', count('loads')],
    finalStock: ['stock at the end', count('loads')], deliveries: ['deliveries', count('loads')],
    consumesLoadsPerHour: ['consumption', count('loads/h')], stockLoads: ['starting stock', count('loads')],
    trucks: ['trucks', count('')], km: ['length', count('km')], speedKmh: ['speed', count('km/h')],
    leadP95: ['p95 lead time', dur], leadMean: ['mean lead time', dur], lateShare: ['late share', pct], failedShare: ['failed share', pct],
    cost: ['cost', count('')], screeningMin: ['screening cost', dur],
  };
  const DISTS = { exp: 'exponential', const: 'constant', uniform: 'uniform', triangular: 'triangular', lognormal: 'lognormal' };

  /** One figure: key as flattened by the report ("servedByClass.whitelist") -> [label, text] or null to skip. */
  RS.figure = (key, value) => {
    const [head, sub] = key.split('.');
    const f = FIELDS[head];
    if (f) return [f[0].replace('{c}', CLASS[sub] || sub || ''), value == null ? '–' : f[1](value)];
    return [key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\./g, ', ').toLowerCase().replace(/ min$/, ''), typeof value === 'number' ? RS.fmt(value) : String(value)];
  };

  /** Tooltip rows from a flat figures object; distributions ("serviceMin.dist", ".mean", ...) become one row. */
  RS.figureRows = (figures) => {
    const rows = [];
    const dists = {};
    for (const [k, v] of Object.entries(figures || {})) {
      const m = /^(\w+Min)\.(dist|mean|sd|value|min|max|mode)$/.exec(k);
      if (m) { (dists[m[1]] = dists[m[1]] || {})[m[2]] = v; continue; }
      rows.push(RS.figure(k, v));
    }
    for (const [k, d] of Object.entries(dists)) {
      const parts = ['mean', 'sd', 'value', 'min', 'mode', 'max'].filter((p) => d[p] != null).map((p) => `${p} ${RS.dur(d[p])}`);
      const label = { serviceMin: 'check time', transferMin: 'transfer time' }[k] || k.replace(/Min$/, ' time');
      rows.push([label, `${DISTS[d.dist] || d.dist || ''}${parts.length ? `, ${parts.join(', ')}` : ''}`]);
    }
    return rows;
  };

  /** A summary.json metric path ("checkpoints.g2-anting.meanWaitMin") as a title with its unit. */
  RS.metricName = (path) => {
    const fixed = {
      'leadTimeMin.mean': 'mean lead time (min)', 'leadTimeMin.p95': 'p95 lead time (min)', 'leadTimeMin.p50': 'median lead time (min)',
      'leadTimeMin.max': 'longest lead time (min)', 'shipments.delivered': 'shipments delivered', 'shipments.onTimeShare': 'on-time share',
      'shipments.created': 'shipments created', 'shipments.failed': 'shipments failed', 'shipments.relayed': 'shipments relayed',
      'shipments.turnedBack': 'trucks turned back', truckKm: 'truck km', reroutes: 'reroutes',
    };
    if (fixed[path]) return fixed[path];
    const m = /^(checkpoints|stations|factories)\.(.+)\.(\w+)$/.exec(path);
    if (m) {
      const unit = /Min$/.test(m[3]) ? ' (min)' : /utilization|Share/i.test(m[3]) ? ' (share)' : '';
      const kind = { checkpoints: 'checkpoint', stations: 'station', factories: 'factory' }[m[1]];
      // A site whose id is its kind ("station") is not named twice.
      return `${m[2] === kind ? kind : `${m[2]} (${kind})`}: ${(FIELDS[m[3]] || [m[3]])[0]}${unit}`;
    }
    return path;
  };
  /** How to print a value of metric `path`. */
  RS.metricFormat = (path) => (/Share$|utilization$/i.test(path) ? RS.pct : /Min(\.|$)/.test(path) ? RS.dur : RS.fmt);
})();
