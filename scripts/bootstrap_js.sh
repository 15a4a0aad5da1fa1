#!/bin/sh
# Build the Bootstrap JavaScript the pages load: the three plugins the app uses (alert, collapse,
# dropdown) from Bootstrap's own sources, with Popper's small build (its dropdowns sit in the
# navbar, where Bootstrap positions them with CSS), instead of the whole bundle (~80 kB → ~32 kB).
# Writes static/vendor/bootstrap/js/bootstrap-imp.min.js. Needs Node.js and npm (the registry):
#     sh scripts/bootstrap_js.sh
# A page that starts using another plugin (data-bs-toggle="modal", "tooltip", …): add it to the
# import list below, run the script, commit the file (tests/shell/test_bootstrap_subset.py checks).
set -eu
AKAR=$(cd "$(dirname "$0")/.." && pwd)
KERJA=$(mktemp -d)
trap 'rm -rf "$KERJA"' EXIT
cd "$KERJA"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent \
    bootstrap@5.3.9 @popperjs/core@2.11.8 esbuild@0.25.12
cat >popper.js <<'JS'
export { createPopper } from "./node_modules/@popperjs/core/lib/popper-lite.js";
JS
cat >masuk.js <<'JS'
import Alert from "bootstrap/js/src/alert.js";
import Collapse from "bootstrap/js/src/collapse.js";
import Dropdown from "bootstrap/js/src/dropdown.js";
window.bootstrap = { Alert, Collapse, Dropdown };
JS
node node_modules/esbuild/bin/esbuild masuk.js --bundle --minify --format=iife --target=es2019 \
    --alias:@popperjs/core=./popper.js --legal-comments=none --outfile=hasil.js
{
    printf '/*!\n * Bootstrap v5.3.9 (https://getbootstrap.com/): alert, collapse, dropdown\n'
    printf ' * Copyright 2011-2026 The Bootstrap Authors\n'
    printf ' * Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE)\n'
    printf ' * Popper v2.11.8 (popper-lite), Copyright (c) 2019 Federico Zivolo, MIT (LICENSE-popper)\n'
    printf ' * Built for IMP Smart by scripts/bootstrap_js.sh.\n */\n'
    cat hasil.js
} >"$AKAR/static/vendor/bootstrap/js/bootstrap-imp.min.js"
wc -c "$AKAR/static/vendor/bootstrap/js/bootstrap-imp.min.js"
