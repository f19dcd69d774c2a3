#!/bin/sh
# Starts one Ecom app from the shared image: `ecom-app <app>`, run from the image WORKDIR (/app).
# exec replaces this shell with node, so the SIGTERM that tini passes on reaches the app, which drains
# in-flight work before it exits.
set -eu

apps_dir=dist/apps
app="${1:-}"

# Lists the apps present in the image, so the message never drifts from what was built.
known_apps() {
  list=''
  for main in "$apps_dir"/*/src/main.js; do
    [ -f "$main" ] || continue
    name="${main#"$apps_dir"/}"
    list="${list:+$list, }${name%%/*}"
  done
  echo "${list:-none}"
}

# The name must be a plain word before it is used as a path, so `../x` cannot select another file.
case "$app" in
  '' | *[!a-z-]*)
    echo "ecom-app: expected an app name as the first argument, got '${app}'. Known apps: $(known_apps)" >&2
    exit 64
    ;;
esac

if [ ! -f "$apps_dir/$app/src/main.js" ]; then
  echo "ecom-app: unknown app '${app}'. Known apps: $(known_apps)" >&2
  exit 64
fi

shift
exec node "$apps_dir/$app/src/main.js" "$@"
