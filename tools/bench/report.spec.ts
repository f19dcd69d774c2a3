import {
  findProblems,
  formatMs,
  judge,
  renderCpuLine,
  renderReport,
  renderTable,
  requestRate,
  type MachineFacts,
  type TargetFigures,
} from './report';

function figures(overrides: Partial<TargetFigures> = {}): TargetFigures {
  return {
    target: 'routed',
    url: 'http://127.0.0.1:3000/api/v1/status/auth',
    requestsPerSecond: 1000,
    roundRates: [990, 1010],
    p50Ms: 40,
    p99Ms: 80,
    completed: 10_000,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    otherStatuses: {},
    firstError: undefined,
    cpu: [],
    ...overrides,
  };
}

const machine: MachineFacts = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  nodeVersion: 'v20.20.2',
  platform: 'linux',
  arch: 'x64',
  memoryBytes: 8 * 1024 ** 3,
  loadAverage: 0.5,
};

const settings = {
  path: '/api/v1/status/auth',
  connections: 50,
  warmupSeconds: 3,
  durationSeconds: 10,
  rounds: 2,
};

describe('requestRate', () => {
  it('divides all completed requests by all measured time, weighting longer rounds more', () => {
    expect(
      requestRate([
        { completed: 1000, durationSeconds: 1 },
        { completed: 3000, durationSeconds: 3 },
      ]),
    ).toBe(1000);
    expect(
      requestRate([
        { completed: 100, durationSeconds: 1 },
        { completed: 900, durationSeconds: 4 },
      ]),
    ).toBe(200);
  });

  it('is 0 when nothing was measured', () => {
    expect(requestRate([])).toBe(0);
  });
});

describe('judge', () => {
  it('passes at a ratio of exactly 0.80 and a routed p99 of exactly 100 ms', () => {
    const verdict = judge(
      figures({ requestsPerSecond: 800, p99Ms: 100 }),
      figures({ target: 'bare', requestsPerSecond: 1000 }),
    );

    expect(verdict).toEqual({ ratio: 0.8, pass: true, misses: [] });
  });

  it('misses on a low ratio and on a slow routed p99, naming both', () => {
    const verdict = judge(
      figures({ requestsPerSecond: 420, p99Ms: 705 }),
      figures({ target: 'bare', requestsPerSecond: 1000, p99Ms: 20 }),
    );

    expect(verdict.pass).toBe(false);
    expect(verdict.ratio).toBeCloseTo(0.42);
    expect(verdict.misses).toEqual(['ratio 0.42 < 0.80', 'routed p99 705 ms > 100 ms']);
  });

  it('ignores the bare p99: the latency goal is on the routed path only', () => {
    expect(judge(figures(), figures({ target: 'bare', p99Ms: 500 })).pass).toBe(true);
  });

  it('misses with a ratio of 0 when the bare target measured nothing', () => {
    const verdict = judge(figures(), figures({ target: 'bare', requestsPerSecond: 0 }));

    expect(verdict.ratio).toBe(0);
    expect(verdict.pass).toBe(false);
  });
});

describe('findProblems', () => {
  it('finds nothing when every request answered 2xx', () => {
    expect(findProblems([figures(), figures({ target: 'bare' })])).toEqual([]);
  });

  it('reports failed requests with timeouts and the first error', () => {
    expect(
      findProblems([figures({ errors: 7, timeouts: 2, firstError: 'connect ECONNREFUSED 127.0.0.1:3000' })]),
    ).toEqual(['routed: 7 requests failed, 2 timed out (first: connect ECONNREFUSED 127.0.0.1:3000)']);
  });

  it('reports answers other than 2xx by status code', () => {
    expect(
      findProblems([figures({ target: 'bare', non2xx: 12, otherStatuses: { '503': 2, '404': 10 } })]),
    ).toEqual(['bare: 12 answers were not 2xx (10 × 404, 2 × 503)']);
  });

  it('reports a target where no request completed at all', () => {
    expect(findProblems([figures({ completed: 0 })])).toEqual([
      'routed: no request completed (http://127.0.0.1:3000/api/v1/status/auth)',
    ]);
  });
});

describe('renderTable', () => {
  it('left-aligns the first column and right-aligns the others', () => {
    expect(
      renderTable([
        ['target', 'req/s'],
        ['routed', '350'],
        ['bare', '10841'],
      ]),
    ).toEqual(['target  req/s', 'routed    350', 'bare    10841']);
  });
});

describe('formatMs', () => {
  it('keeps whole milliseconds whole and rounds the rest to one decimal', () => {
    expect(formatMs(12)).toBe('12');
    expect(formatMs(12.345)).toBe('12.3');
  });
});

describe('renderCpuLine', () => {
  it('gives CPU microseconds per completed request, per process and in total', () => {
    const routed = figures({
      completed: 4000,
      cpu: [
        { process: 'gateway', cpuMs: 6000 },
        { process: 'auth', cpuMs: 4000 },
      ],
    });
    const bare = figures({
      target: 'bare',
      completed: 10_000,
      cpu: [
        { process: 'bare-edge', cpuMs: 3000 },
        { process: 'bare-service', cpuMs: 2000 },
      ],
    });

    expect(renderCpuLine(routed, bare)).toEqual([
      'cpu per request: routed 2500 µs (gateway 1500 + auth 1000); bare 500 µs (bare-edge 300 + bare-service 200)',
    ]);
  });

  it('prints nothing when CPU time could not be read (not Linux)', () => {
    expect(renderCpuLine(figures(), figures({ target: 'bare' }))).toEqual([]);
  });
});

describe('renderReport', () => {
  it('prints settings, machine, one row per target, the ratio and a PASS goal line', () => {
    const text = renderReport(
      settings,
      machine,
      figures({ requestsPerSecond: 900.4, roundRates: [880.2, 920.6], p50Ms: 41, p99Ms: 95 }),
      figures({ target: 'bare', requestsPerSecond: 1000, roundRates: [1000, 1000], p50Ms: 30, p99Ms: 60 }),
    );

    expect(text.split('\n')).toEqual([
      'GET /api/v1/status/auth, 50 connections, 3 s warm-up and 10 s measured per target in 2 alternating round(s)',
      'machine: 2 cpus (AMD EPYC), 8.0 GiB, node v20.20.2, linux x64, load 0.50',
      '',
      'target  req/s  p50 ms  p99 ms  errors  non-2xx  req/s by round',
      'routed    900      41      95       0        0       880 / 921',
      'bare     1000      30      60       0        0     1000 / 1000',
      '',
      'ratio routed/bare req/s: 0.90',
      'goal: ratio >= 0.80 and routed p99 <= 100 ms: PASS',
    ]);
  });

  it('ends with MISS and the reasons when the goal is missed', () => {
    const text = renderReport(
      settings,
      machine,
      figures({ requestsPerSecond: 350, p99Ms: 705 }),
      figures({ target: 'bare', requestsPerSecond: 841 }),
    );

    expect(text.split('\n').slice(-2)).toEqual([
      'ratio routed/bare req/s: 0.42',
      'goal: ratio >= 0.80 and routed p99 <= 100 ms: MISS (ratio 0.42 < 0.80; routed p99 705 ms > 100 ms)',
    ]);
  });
});
