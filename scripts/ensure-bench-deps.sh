#!/usr/bin/env bash
# Installs the Debian packages the benchmarks run for real (wrk, the load generator; Prometheus
# Pushgateway, the reference server for /metrics), only those that are missing.
# Runs before `npm run bench`; needs root (or prints exactly what to install and exits 1).
set -euo pipefail

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v prometheus-pushgateway >/dev/null 2>&1 || need+=(prometheus-pushgateway)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The benchmarks need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi

echo "Installing benchmark dependencies: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
