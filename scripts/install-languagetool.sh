#!/usr/bin/env bash
# Install the local LanguageTool server used by `lintnews check --grammar` and by
# tests/test_languagetool.py: Java and Maven from Debian if missing (as root), then the
# server jars from Maven Central into ~/.cache/lintnews/languagetool/<version>
# (or $LINTNEWS_LT_HOME/<version>). Idempotent: a second run returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "install-languagetool: please install ${need[*]}" >&2
    exit 1
  fi
fi
python3 -m lintnews languagetool install
