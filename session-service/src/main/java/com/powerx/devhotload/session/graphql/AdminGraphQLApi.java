package com.powerx.devhotload.session.graphql;

import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.graphql.DevHotloadTypes.DevSession;
import com.powerx.devhotload.session.graphql.DevHotloadTypes.Filter;
import com.powerx.devhotload.session.graphql.DevHotloadTypes.Reload;
import com.powerx.devhotload.session.graphql.DevHotloadTypes.SessionPage;
import com.powerx.devhotload.session.graphql.DevHotloadTypes.Termination;
import com.powerx.devhotload.session.mapping.SessionIds;
import com.powerx.devhotload.session.service.AdminSessions;
import com.powerx.devhotload.session.service.SessionQueries;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;

import java.util.UUID;

/**
 * The Admin GraphQL API on {@code POST /internal/admin/graphql} (CONTRACT.md §12): the second façade of
 * {@link AdminSessions}, next to the REST {@code AdminResource}; same permission, tenant scope and audit records.
 * Parse, one service call, map to a GraphQL type. Errors carry {@code extensions.error_code} ({@link ApiErrorExtensions}).
 */
@GraphQLApi
public class AdminGraphQLApi {

    private final AdminSessions admin;
    private final CurrentCaller caller;

    public AdminGraphQLApi(AdminSessions admin, CurrentCaller caller) {
        this.admin = admin;
        this.caller = caller;
    }

    @Query("devHotloadSessions")
    @Description("Sessions of the caller's tenant, newest first; page is 1-based (default 1), size 1..200 (default 20)")
    public Uni<SessionPage> sessions(@Name("filter") Filter filter, @Name("page") Integer page, @Name("size") Integer size) {
        Filter f = filter == null ? new Filter(null, null, null, null) : filter;
        AdminSessions.Filter query = new AdminSessions.Filter(SessionQueries.parseStatuses(f.status()), f.pluginId(), f.developerId(), f.q());
        return caller.deferred().flatMap(c -> admin.list(c, query, page == null ? 1 : page, size == null ? 20 : size)).map(SessionPage::of);
    }

    @Query("devHotloadSession")
    @Description("One session of the caller's tenant; DEV_NOT_FOUND for a missing one or another tenant's")
    public Uni<DevSession> session(@Name("id") @Id String id) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> admin.get(c, sessionId)).map(DevSession::of);
    }

    @Mutation("terminateDevHotloadSession")
    @Description("Terminates the session (idempotent) and writes an audit record")
    public Uni<Termination> terminate(@Name("id") @Id String id, @Name("reason") String reason) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> admin.terminate(c, sessionId, reason)).map(Termination::of);
    }

    @Mutation("reloadDevHotloadSession")
    @Description("Re-applies the session's current bundle and writes an audit record")
    public Uni<Reload> reload(@Name("id") @Id String id, @Name("reason") String reason) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> admin.reload(c, sessionId, reason)).map(Reload::of);
    }
}
