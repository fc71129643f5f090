-- wrk: prints the latency percentiles wrk's own summary leaves out (p95), in milliseconds,
-- and every answer that was not a success.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p50 %.1f\np95 %.1f\nmax %.1f\nrequests %d\nerrors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000,
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout))
end
