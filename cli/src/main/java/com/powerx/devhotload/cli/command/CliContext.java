package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.DevApi;
import com.powerx.devhotload.cli.api.DiagnosticsApi;
import com.powerx.devhotload.cli.api.LogStream;
import com.powerx.devhotload.cli.api.RetryPolicy;
import com.powerx.devhotload.cli.api.Sleeper;
import com.powerx.devhotload.cli.api.TlsContexts;
import com.powerx.devhotload.cli.config.ClientCertificates;
import com.powerx.devhotload.cli.config.Endpoints;
import com.powerx.devhotload.cli.config.PxHome;
import com.powerx.devhotload.cli.config.SessionCache;
import com.powerx.devhotload.cli.output.DevLog;
import com.powerx.devhotload.cli.output.Printer;
import com.powerx.devhotload.cli.telemetry.Telemetry;
import com.powerx.devhotload.cli.telemetry.TelemetryFlusher;

import javax.net.ssl.SSLContext;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** What every command works with: output, endpoints, the HTTP client, the files under {@code ~/.powerx}. Built lazily. */
public final class CliContext {

    private final Map<String, String> env;
    private final Endpoints endpoints;
    private final PxHome home;
    private final Printer printer;
    private final Clock clock;
    private final boolean telemetryEnabled;
    private ApiClient client;
    private Telemetry telemetry;

    public CliContext(Map<String, String> env, String apiOverride, boolean json, boolean noTelemetry, PrintStream out,
                      PrintStream err, Clock clock) {
        this.env = env;
        this.endpoints = Endpoints.from(env, apiOverride);
        this.home = PxHome.resolve(env);
        this.printer = new Printer(out, err, json, Printer.terminal(), clock);
        this.clock = clock;
        this.telemetryEnabled = !noTelemetry && !"0".equals(env.get("PX_TELEMETRY"));
    }

    public Map<String, String> env() {
        return env;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public PxHome home() {
        return home;
    }

    public Printer printer() {
        return printer;
    }

    public Clock clock() {
        return clock;
    }

    /** The HTTP client; presents the configured client certificate when any service is reached over HTTPS. */
    public synchronized ApiClient client() {
        if (client == null) {
            SSLContext tls = null;
            if (endpoints.anyHttps()) {
                tls = certificates().load(printer::warn).map(TlsContexts::of).orElse(null);
            }
            client = new ApiClient(tls, RetryPolicy.DEFAULT, Sleeper.REAL, clock);
        }
        return client;
    }

    public ClientCertificates certificates() {
        return new ClientCertificates(home.tlsDir(), clock);
    }

    public DevApi devApi() {
        return new DevApi(client(), endpoints);
    }

    public DiagnosticsApi diagnostics() {
        return new DiagnosticsApi(client(), endpoints);
    }

    public LogStream logStream() {
        return new LogStream(client(), endpoints, Sleeper.REAL);
    }

    public SessionCache sessions() {
        return new SessionCache(home.sessionFile());
    }

    public synchronized Telemetry telemetry() {
        if (telemetry == null) {
            telemetry = new Telemetry(home.telemetryDir(), clock, telemetryEnabled);
        }
        return telemetry;
    }

    public TelemetryFlusher flusher() {
        return new TelemetryFlusher(home.telemetryDir(), client(), endpoints, () -> sessions().load());
    }

    public DevLog devLog() {
        return new DevLog(home.logFile(), clock);
    }
}
