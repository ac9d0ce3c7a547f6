# Shell functions shared by scripts/demo and the browser tests (tests/e2e, ...): configure the extension for a test S3 server and
# start JupyterLab. Source it; it expects the environment written by tests/s3server.py.

# write_settings DIR [SECRET]: the extension's user settings, as a user would set them in Settings,
# Bookstore; SECRET replaces the server's secret (to test wrong credentials).
write_settings() {
  mkdir -p "$1/jupyterlab-bookstore"
  python3 - "$1/jupyterlab-bookstore/plugin.jupyterlab-settings" "${2:-}" <<'PY'
import json, os, sys
json.dump({
    "endpoint": os.environ["BOOKSTORE_TEST_ENDPOINT"],
    "bucket": os.environ["BOOKSTORE_TEST_BUCKET"],
    "pathStyle": True,
    "accessKeyId": os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"],
    "secretAccessKey": sys.argv[2] or os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"],
}, open(sys.argv[1], "w"), indent=2)
PY
  # Keep JupyterLab's own "news" prompt out of the demo and the screenshots.
  mkdir -p "$1/@jupyterlab/apputils-extension"
  echo '{"fetchNews": "false", "checkForUpdates": false}' >"$1/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
}

# start_lab PORT ROOT_DIR SETTINGS_DIR LOG [jupyter lab options...]: starts JupyterLab in the
# background, sets lab_pid, and returns once it answers. With JUPYTER_APP=notebook, Notebook 7 instead.
# LAB_ENV, an array of NAME=value, adds to the server's environment (its own identity, for instance).
# With LAB_PYTHON, JupyterLab runs on that Python (a venv's, whose packages only it sees).
start_lab() {
  local port=$1 root=$2 settings=$3 log=$4
  shift 4
  local command=(jupyter "${JUPYTER_APP:-lab}")
  [ -z "${LAB_PYTHON:-}" ] || command=("$LAB_PYTHON" -m jupyterlab)
  # Layouts (workspaces) beside the settings: a run never restores the tabs an earlier run left open.
  env JUPYTERLAB_SETTINGS_DIR="$settings" JUPYTERLAB_WORKSPACES_DIR="$settings/workspaces" "${LAB_ENV[@]}" \
    "${command[@]}" --no-browser --allow-root --ip 127.0.0.1 --port "$port" \
    --ServerApp.port_retries=0 --ServerApp.root_dir="$root" --LabApp.news_url=None "$@" >"$log" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/status" && return 0
    kill -0 "$lab_pid" 2>/dev/null || { tail -n 40 "$log"; return 1; }
    sleep 0.5
  done
  echo "JupyterLab did not answer on port $port within 60 s" >&2
  return 1
}

# stop_lab: stops the JupyterLab started by start_lab, and its kernels.
stop_lab() {
  if [ -n "${lab_pid:-}" ]; then
    kill "$lab_pid" 2>/dev/null || true
    wait "$lab_pid" 2>/dev/null || true
    lab_pid=
  fi
}

# free_port: prints a TCP port free on 127.0.0.1 now (for a server a script is about to start).
free_port() {
  python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}
