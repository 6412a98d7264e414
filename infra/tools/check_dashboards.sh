#!/usr/bin/env bash
# Type-checks Grafana dashboard JSON files against Grafana's published schema: each file becomes
# `const dashboard: Dashboard = <the JSON>` (npm @grafana/schema's Dashboard type) and tsc --strict
# checks it, so a wrong type, a missing required field or an unknown key fails. It first proves so
# on a broken copy of the first dashboard.
#   tools/check_dashboards.sh observability/grafana/*.json     (from infra/)
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)"
work="$tools/.dashboards"
rm -rf "$work" && mkdir -p "$work/ok" "$work/broken"

as_ts() { # file, output .ts
  { echo 'import type { Dashboard } from "@grafana/schema";'; printf 'export const dashboard: Dashboard = '; cat "$1"; echo ';'; } > "$2"
}
tsc() { # directory of .ts files
  printf '{"compilerOptions":{"strict":true,"noEmit":true,"module":"nodenext","moduleResolution":"nodenext","target":"es2022","skipLibCheck":true},"include":["*.ts"]}' > "$1/tsconfig.json"
  "$tools/node_modules/.bin/tsc" -p "$1/tsconfig.json"
}

for f in "$@"; do
  as_ts "$f" "$work/ok/$(basename "$f" .json | tr -c 'a-zA-Z0-9\n' '_').ts"
done
# Two broken copies: schemaVersion as a string, and a key Grafana does not know.
sed -e '0,/"schemaVersion": *\([0-9]*\)/s//"schemaVersion": "\1"/' "$1" > "$work/wrong_type.json"
sed -e '0,/"schemaVersion": *\([0-9]*\)/s//"schemaVersion": \1, "noSuchKey": 1/' "$1" > "$work/unknown_key.json"
as_ts "$work/wrong_type.json" "$work/broken/wrong_type.ts"
as_ts "$work/unknown_key.json" "$work/broken/unknown_key.ts"
if tsc "$work/broken" > "$work/broken.log" 2>&1; then
  echo "dashboards FAIL: dashboards with a wrong type and an unknown key passed the check" >&2
  exit 1
fi
grep -q "wrong_type.ts.*not assignable to type 'number'" "$work/broken.log" && grep -q "unknown_key.ts.*'\"noSuchKey\"' does not exist" "$work/broken.log" \
  || { echo "dashboards FAIL: the broken copies failed for other reasons:" >&2; cat "$work/broken.log" >&2; exit 1; }
echo "dashboards self-test ok: a wrong type and an unknown key are refused"
tsc "$work/ok"
echo "dashboards ok: $# against @grafana/schema's Dashboard"
