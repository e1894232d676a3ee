#!/usr/bin/env bash
# A throwaway venv with jrnl and Watson, to time them beside paintrack (not project dependencies).
set -euo pipefail
venv=${1:-/tmp/paintrack-bench-neighbours}
python3 -m venv "$venv"
"$venv/bin/pip" install -q jrnl td-watson
echo "$venv"
