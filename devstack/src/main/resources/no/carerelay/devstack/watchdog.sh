# devstack watchdog, run by the launcher as: sh -c <this> devstack-watchdog <launcher pid> <run dir> <checkout marker>
# It waits for its stdin (a pipe from the launcher) to close. After a clean stop the launcher has stopped everything
# and removed the pid files, so there is nothing left to do. When the launcher died (kill -9, OOM), the kernel closed
# the pipe and whatever is still listed in <run dir>/*.pid is stopped here: services first, then Kafka and PostgreSQL.
launcher=$1
run=$2
marker=$3
trap '' INT   # Ctrl-C is the launcher's to handle; the watchdog must outlive a launcher that hangs on it
cat >/dev/null
for order in 1 2; do
  stopping=""
  for file in "$run"/*.pid; do
    [ -f "$file" ] || continue
    read -r pid signal stop_order <"$file" || true
    [ "${stop_order:-1}" = "$order" ] || continue
    # only a process whose command line names this checkout: the pid may have been reused meanwhile
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"; then
      echo "devstack-watchdog: launcher $launcher is gone; stopping $(basename "$file" .pid) (pid $pid)" >&2
      kill -s "${signal:-TERM}" "$pid" 2>/dev/null
      stopping="$stopping $pid"
    fi
    rm -f "$file"
  done
  for pid in $stopping; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -9 "$pid" 2>/dev/null
  done
done
