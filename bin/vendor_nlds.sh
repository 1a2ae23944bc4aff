#!/usr/bin/env bash
# Vendor the NL Design System CSS (Utrecht component library and design tokens) into site/static and
# axe-core into tests/e2e/vendor, from the npm registry, with their versions and licences.
#
# Node and npm are needed only to run this script, never to run or test the site: the files it
# writes are committed. To upgrade, change a version below, run `bin/vendor_nlds.sh` from the
# repository's root, look at the public pages (and `pytest tests/e2e/test_accessibility.py`), commit.
set -euo pipefail

COMPONENTS_VERSION=9.0.4   # @utrecht/component-library-css, EUPL-1.2
TOKENS_VERSION=5.0.1       # @utrecht/design-tokens, EUPL-1.2
AXE_VERSION=4.14.1         # axe-core, MPL-2.0 (tests only)

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

unpack() {  # unpack <package> <version>: npm pack into the scratch directory, print the unpacked path
  local name=$1 version=$2 dir
  dir="$scratch/$(echo "$name" | tr -d '@' | tr '/' '-')"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$name@$version" >/dev/null && tar xzf ./*.tgz)
  echo "$dir/package"
}

utrecht="$root/site/static/vendor/utrecht"
rm -rf "$utrecht" && mkdir -p "$utrecht"
components=$(unpack @utrecht/component-library-css "$COMPONENTS_VERSION")
cp "$components/dist/index.css" "$utrecht/component-library.css"
cp "$components/dist/html.css" "$utrecht/html.css"
cp "$components/LICENSE.md" "$utrecht/LICENSE.md"
tokens=$(unpack @utrecht/design-tokens "$TOKENS_VERSION")
cp "$tokens/dist/theme.css" "$utrecht/design-tokens.css"
cmp -s "$tokens/LICENSE.md" "$utrecht/LICENSE.md" || cp "$tokens/LICENSE.md" "$utrecht/LICENSE-design-tokens.md"
cat >"$utrecht/VERSION" <<VERSIONS
@utrecht/component-library-css $COMPONENTS_VERSION -> component-library.css (dist/index.css, the components' classes)
  and html.css (dist/html.css, plain HTML elements styled as the components inside .utrecht-html)
@utrecht/design-tokens $TOKENS_VERSION -> design-tokens.css (dist/theme.css, the .utrecht-theme class)
Licence: EUPL-1.2 (LICENSE.md). Written by bin/vendor_nlds.sh; do not edit these files by hand:
the covenant's own colours are in site/static/css/tokens.css.
VERSIONS

axe="$root/tests/e2e/vendor"
rm -rf "$axe" && mkdir -p "$axe"
core=$(unpack axe-core "$AXE_VERSION")
cp "$core/axe.min.js" "$core/LICENSE" "$axe/"
echo "axe-core $AXE_VERSION -> axe.min.js (MPL-2.0, LICENSE). Written by bin/vendor_nlds.sh." >"$axe/VERSION"
echo "Vendored: components $COMPONENTS_VERSION, tokens $TOKENS_VERSION, axe-core $AXE_VERSION"
