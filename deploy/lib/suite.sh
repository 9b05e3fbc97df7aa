# Shared by deploy/local/up, down and token: where things are and how the six services are named.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/deploy/local/.data"
SERVICES=(session-service sandbox-orchestrator stream-gateway diagnostics-service ticket-bridge telemetry-ingest)
declare -A PORTS=([session-service]=8081 [sandbox-orchestrator]=8082 [stream-gateway]=8083
                  [diagnostics-service]=8084 [ticket-bridge]=8085 [telemetry-ingest]=8086)
declare -A DATABASES=([session-service]=px_session [sandbox-orchestrator]=px_sandbox
                      [diagnostics-service]=px_diagnostics [ticket-bridge]=px_tickets)
DEVSTACK_CP_FILE="$ROOT/libs/devstack/target/runtime-classpath.txt"
# JVM flags of every service process (deploy/local/up, bench/stream/run). Serial GC: small heaps, one or two cores,
# no concurrent GC threads competing with the service. MetaspaceSize: a service loads ~60 MB of class metadata; with
# the default first threshold (~21 MB) each growth step is a full GC (80 ms pauses seen in the first minute).
SERVICE_JVM_FLAGS=(-XX:+UseSerialGC -Xmx384m -XX:MetaspaceSize=128m)

# JDK 25 AOT cache of a service (deploy/local/aot-train writes it, docs/benchmarks.md "Startup and the first minute"):
# next to the packaged jars, so a clean build removes it with them.
aot_cache() {
  echo "$ROOT/$1/target/quarkus-app/app.aot"
}

# The AOT flag for a service under PX_AOT: auto (default) uses the cache only when it is newer than every jar of the
# service; off uses none; train writes a new one when the service exits (-XX:AOTCacheOutput). A cache older than the
# build must be skipped here: JDK 25.0.3 does not notice that a jar changed and serves the classes it cached from the
# old one, without a warning (docs/benchmarks.md, "Startup and the first minute"). A missing file only logs errors.
aot_flags() {
  local svc="$1" cache app
  cache="$(aot_cache "$svc")"; app="$ROOT/$svc/target/quarkus-app"
  case "${PX_AOT:-auto}" in
    train) echo "-XX:AOTCacheOutput=$cache" ;;
    off) ;;
    *) if [ -f "$cache" ] && [ -z "$(find "$app" -name '*.jar' -newer "$cache" -print -quit)" ]; then
         echo "-XX:AOTCache=$cache"
       fi ;;
  esac
}

devstack_classpath() {
  echo "$ROOT/libs/devstack/target/classes:$(cat "$DEVSTACK_CP_FILE")"
}

pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Builds whatever the local run needs that is not built yet (first run, or after a clean).
build_if_missing() {
  local missing=false svc
  [ -f "$DEVSTACK_CP_FILE" ] || missing=true
  for svc in "${SERVICES[@]}"; do
    [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || missing=true
  done
  if [ "$missing" = true ]; then
    echo "Building the suite (first run; later runs start at once) ..."
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || { echo "build failed" >&2; exit 1; }
  fi
}
