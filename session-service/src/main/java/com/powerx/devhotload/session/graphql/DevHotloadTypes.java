package com.powerx.devhotload.session.graphql;

import com.powerx.devhotload.session.service.AdminSessions;
import com.powerx.devhotload.session.service.SessionLifecycle;
import com.powerx.devhotload.session.service.SessionQueries;
import com.powerx.devhotload.session.domain.Session;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The GraphQL types of the admin API (CONTRACT.md §12, docs/graphql/schema.graphql), one record per type, mapped from
 * the same service results the REST admin API answers with. Counts are {@code Int} (SmallRye would make a Java long
 * a {@code BigInteger} scalar); times are RFC 3339 strings exactly as the REST API writes them.
 */
public final class DevHotloadTypes {

    private DevHotloadTypes() {
    }

    /** {@code filter} of {@code devHotloadSessions}: the REST list's query parameters. */
    @Name("DevHotloadSessionFilter")
    @Description("Filters of devHotloadSessions; status takes pending, active, terminated, expired or all (one or several)")
    public record Filter(List<String> status, String pluginId, String developerId, String q) {
    }

    /** A page of sessions with the tenant's metrics. */
    @Name("DevHotloadSessionPage")
    public record SessionPage(@NonNull List<DevSession> items, int page, int size, int total, @NonNull Metrics metrics) {
        static SessionPage of(AdminSessions.AdminPage p) {
            return new SessionPage(p.items().stream().map(DevSession::of).toList(), p.page(), p.size(), count(p.total()),
                    Metrics.of(p.metrics()));
        }
    }

    /** One session as the admin sees it. */
    @Name("DevHotloadSession")
    public record DevSession(@NonNull String sessionId, @NonNull String pluginId, @NonNull String developerId, String version,
                             @NonNull String runtime, @NonNull String status, @NonNull String sandboxState, LastReload lastReload,
                             int openAlerts, @NonNull String createdAt, @NonNull String expiresAt) {
        static DevSession of(AdminSessions.AdminSession a) {
            Session s = a.session();
            LastReload last = s.lastReloadSequence() == null ? null
                    : new LastReload(count(s.lastReloadSequence()), s.lastReloadResult(),
                    s.lastReloadMs() == null ? null : count(s.lastReloadMs()), time(s.lastReloadAt()));
            return new DevSession(s.id().toString(), s.pluginId(), s.developerId(), s.version(), s.runtime(), s.status().wire(),
                    s.sandboxState().wire(), last, a.openAlerts(), time(s.createdAt()), time(s.expiresAt()));
        }
    }

    /** The newest reload the sandbox has reported on. */
    @Name("DevHotloadLastReload")
    public record LastReload(int sequence, String result, Integer durationMs, String at) {
    }

    /** The metrics block of the admin list. */
    @Name("DevHotloadMetrics")
    public record Metrics(int active, int reloadsLastHour, int failedReloadsLastHour, int p95ReloadMsLastHour) {
        static Metrics of(SessionQueries.Metrics m) {
            return new Metrics(count(m.active()), count(m.reloadsLastHour()), count(m.failedReloadsLastHour()),
                    count(m.p95ReloadMsLastHour()));
        }
    }

    /** The answer to terminateDevHotloadSession. */
    @Name("DevHotloadTermination")
    public record Termination(@NonNull String sessionId, @NonNull String status, String auditId) {
        static Termination of(SessionLifecycle.Ended e) {
            return new Termination(e.sessionId().toString(), e.status().wire(), id(e.auditId()));
        }
    }

    /** The answer to reloadDevHotloadSession. */
    @Name("DevHotloadReload")
    public record Reload(@NonNull String sessionId, int sequence, String auditId) {
        static Reload of(AdminSessions.AdminReload r) {
            return new Reload(r.sessionId().toString(), count(r.sequence()), id(r.auditId()));
        }
    }

    private static int count(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
